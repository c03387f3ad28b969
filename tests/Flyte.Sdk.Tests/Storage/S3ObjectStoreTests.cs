using Amazon.Runtime;
using Amazon.S3.Model;
using Flyte.Storage;

namespace Flyte.Sdk.Tests.Storage;

/// <summary>The contract on s3rver, a real S3 server on 127.0.0.1.</summary>
public sealed class S3ObjectStoreTests : ObjectStoreContract, IClassFixture<S3rverFixture>
{
    private const long Threshold = 8L * 1024 * 1024;
    private const long PartSize = S3StoreOptions.MinimumPartSize;

    private readonly S3ObjectStore lowThresholdStore;

    public S3ObjectStoreTests(S3rverFixture server)
    {
        Root = $"s3://{S3rverFixture.Bucket}/{Guid.NewGuid():N}/";
        Store = ObjectStores.For(Root, server.Options);
        lowThresholdStore = new S3ObjectStore(server.Options with { MultipartThreshold = Threshold, PartSize = PartSize });
    }

    protected override string Root { get; }

    protected override IObjectStore Store { get; }

    protected override Type ExpectedStoreType => typeof(S3ObjectStore);

    protected override IObjectStore LargeStore => lowThresholdStore;

    public override void Dispose()
    {
        lowThresholdStore.Dispose();
        base.Dispose();
    }

    [Theory]
    [InlineData(LargeObjectSize, 8)]
    [InlineData(Threshold, 0)]
    [InlineData(Threshold + 1, 2)]
    [InlineData(PartSize * 2 + 3, 3)]
    public async Task Upload_UsesPartsOnlyAboveTheThreshold(long size, int expectedParts)
    {
        var partNumbers = new List<int>();
        lowThresholdStore.Client.BeforeRequestEvent += (_, e) =>
        {
            if (e is WebServiceRequestEventArgs { Request: UploadPartRequest part })
            {
                lock (partNumbers)
                {
                    partNumbers.Add(part.PartNumber ?? 0);
                }
            }
        };
        var uri = At($"sized-{size}");

        await WriteLargeAsync(lowThresholdStore, uri, size, seed: 7);

        Assert.Equal(Enumerable.Range(1, expectedParts), partNumbers);
        await AssertGeneratedContentAsync(uri, size, seed: 7);
    }

    [Fact]
    public async Task OpenRead_InAMissingBucket_ThrowsObjectNotFound()
    {
        var uri = "s3://no-such-bucket/x";

        var error = await Assert.ThrowsAsync<ObjectNotFoundException>(() => Store.OpenReadAsync(uri));

        Assert.Equal(uri, error.Uri);
    }

    [Fact]
    public async Task AUriOfAnotherScheme_IsRefused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Store.ExistsAsync("gs://bucket/key"));

        Assert.Contains("s3://", error.Message, StringComparison.Ordinal);
    }
}
