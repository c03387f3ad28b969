using Flyte.Storage;

namespace Flyte.Sdk.Tests.DataFrames;

/// <summary>A table in an S3 bucket (a real s3rver): written through the S3 store, read back through a download stream.</summary>
public sealed class DataFrameS3Tests(S3rverFixture server) : IClassFixture<S3rverFixture>
{
    [Fact]
    public async Task An_s3_folder_is_written_and_read_through_the_s3_store()
    {
        var storage = new ObjectStoreOptions { S3 = server.Options };
        string folder = $"s3://{S3rverFixture.Bucket}/{Guid.NewGuid():N}";

        var frame = await DataFrame.WriteToAsync(folder, [SampleTables.AllTypes()], storage);
        var back = await frame.ReadAllAsync(storage);

        Assert.Equal(SampleTables.Cells(SampleTables.AllTypes().Column("string")), SampleTables.Cells(back, "string"));
        Assert.Equal(SampleTables.Cells(SampleTables.AllTypes().Column("utc")), SampleTables.Cells(back, "utc"));
        using var store = ObjectStores.For(folder, storage);
        var listed = new List<string>();
        await foreach (string uri in store.ListAsync(folder + "/"))
        {
            listed.Add(uri);
        }
        Assert.Equal([folder + "/00000"], listed);
    }
}
