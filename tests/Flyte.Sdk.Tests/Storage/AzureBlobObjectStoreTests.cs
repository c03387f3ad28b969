using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Flyte.Storage;

namespace Flyte.Sdk.Tests.Storage;

/// <summary>The contract on Azurite, Microsoft's Azure Blob Storage emulator on 127.0.0.1.</summary>
public sealed class AzureBlobObjectStoreTests : ObjectStoreContract, IClassFixture<AzuriteFixture>
{
    private const long BlockSize = 4L * 1024 * 1024;
    private const long SingleUploadLimit = 8L * 1024 * 1024;

    private readonly AzuriteFixture azurite;
    private readonly string folder = Guid.NewGuid().ToString("N");
    private readonly AzureBlobObjectStore smallBlockStore;

    public AzureBlobObjectStoreTests(AzuriteFixture azurite)
    {
        this.azurite = azurite;
        Root = $"abfs://{AzuriteFixture.Container}/{folder}/";
        Store = ObjectStores.For(Root, new ObjectStoreOptions { Azure = azurite.Options });
        smallBlockStore = new AzureBlobObjectStore(azurite.Options with { BlockSize = BlockSize, SingleUploadLimit = SingleUploadLimit });
    }

    protected override string Root { get; }

    protected override IObjectStore Store { get; }

    protected override Type ExpectedStoreType => typeof(AzureBlobObjectStore);

    protected override IObjectStore LargeStore => smallBlockStore;

    public override void Dispose()
    {
        smallBlockStore.Dispose();
        base.Dispose();
    }

    [Theory]
    [InlineData(SingleUploadLimit, true, 0)]
    [InlineData(SingleUploadLimit + 1, true, 3)]
    // A stream of unknown length goes up in blocks whatever its size: the Azure SDK cannot know it fits in one request.
    [InlineData(1024, false, 1)]
    [InlineData(LargeObjectSize, false, 10)]
    public async Task Upload_UsesCommittedBlocksAboveTheLimit_OrForAStreamOfUnknownLength(long size, bool seekable, int expectedBlocks)
    {
        var uri = At($"sized-{size}-{seekable}");
        using var generated = new GeneratedStream(size, seed: 5);
        using var seekableCopy = new MemoryStream();
        if (seekable)
        {
            await generated.CopyToAsync(seekableCopy);
            seekableCopy.Position = 0;
        }

        await smallBlockStore.WriteAsync(uri, seekable ? seekableCopy : generated);

        var blob = azurite.CreateClient().GetBlobContainerClient(AzuriteFixture.Container).GetBlockBlobClient($"{folder}/sized-{size}-{seekable}");
        BlockList blocks = (await blob.GetBlockListAsync(BlockListTypes.Committed)).Value;
        Assert.Equal(expectedBlocks, blocks.CommittedBlocks.Count());
        await AssertGeneratedContentAsync(uri, size, seed: 5);
    }

    [Fact]
    public async Task TheHadoopFormNamingTheAccount_ReachesTheSameObjects()
    {
        var hadoopRoot = $"abfss://{AzuriteFixture.Container}@{AzuriteFixture.Account}.dfs.core.windows.net/{folder}/";
        using var store = ObjectStores.For(hadoopRoot, new ObjectStoreOptions { Azure = azurite.Options with { AccountName = null } });

        await using (var content = new MemoryStream("named"u8.ToArray()))
        {
            await store.WriteAsync(hadoopRoot + "by-account.txt", content);
        }

        Assert.Equal("named", await ReadTextAsync(At("by-account.txt")));
        var listed = new List<string>();
        await foreach (var uri in store.ListAsync(hadoopRoot))
        {
            listed.Add(uri);
        }
        Assert.Equal([hadoopRoot + "by-account.txt"], listed);
    }

    [Fact]
    public async Task AUriOfAnotherAccount_IsRefusedNamingBoth()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Store.ExistsAsync($"abfs://{AzuriteFixture.Container}@other.dfs.core.windows.net/x"));

        Assert.Contains($"'{AzuriteFixture.Account}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'other'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingContainer_HoldsNothing()
    {
        var uri = "abfs://no-such-container/x";

        Assert.False(await Store.ExistsAsync(uri));
        Assert.Empty(await ListAsync("abfs://no-such-container/"));
        await Store.DeleteAsync(uri);
        var error = await Assert.ThrowsAsync<ObjectNotFoundException>(() => Store.OpenReadAsync(uri));
        Assert.Equal(uri, error.Uri);
    }

    [Fact]
    public async Task AConnectionString_ReachesTheSameAccount()
    {
        var connectionString = $"DefaultEndpointsProtocol=http;AccountName={AzuriteFixture.Account};AccountKey={AzuriteFixture.AccountKey};BlobEndpoint={azurite.ServiceUri};";
        await WriteTextAsync(At("via-key"), "same");

        using var store = new AzureBlobObjectStore(new AzureStoreOptions { ConnectionString = connectionString });

        Assert.Equal(AzureCredentialSource.ConnectionString, store.CredentialSource);
        Assert.True(await store.ExistsAsync(At("via-key")));
    }
}
