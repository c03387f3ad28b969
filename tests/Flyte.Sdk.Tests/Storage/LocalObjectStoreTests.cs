using Flyte.Storage;

namespace Flyte.Sdk.Tests.Storage;

/// <summary>The contract on a temporary folder addressed by <c>file://</c> URIs.</summary>
public sealed class LocalObjectStoreFileUriTests : ObjectStoreContract
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("flyte-store-");

    public LocalObjectStoreFileUriTests()
    {
        Root = new Uri(directory.FullName + "/").AbsoluteUri;
        Store = ObjectStores.For(Root);
    }

    protected override string Root { get; }

    protected override IObjectStore Store { get; }

    protected override Type ExpectedStoreType => typeof(LocalObjectStore);

    public override void Dispose()
    {
        base.Dispose();
        directory.Delete(recursive: true);
    }

    [Fact]
    public async Task Write_CreatesThePlainFileAndLeavesNoTemporaryFile()
    {
        await WriteTextAsync(At("x/y.txt"), "content");

        var file = Path.Combine(directory.FullName, "x", "y.txt");
        Assert.Equal("content", await File.ReadAllTextAsync(file));
        Assert.Equal([file], Directory.GetFiles(directory.FullName, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void FileUriWithAHost_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => LocalObjectStore.ToPath("file://server/share/x"));
        Assert.Contains("server", error.Message, StringComparison.Ordinal);
    }
}

/// <summary>The contract on a temporary folder addressed by plain paths.</summary>
public sealed class LocalObjectStorePathTests : ObjectStoreContract
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("flyte-store-");

    public LocalObjectStorePathTests()
    {
        Root = directory.FullName + Path.DirectorySeparatorChar;
        Store = ObjectStores.For(Root);
    }

    protected override string Root { get; }

    protected override IObjectStore Store { get; }

    protected override Type ExpectedStoreType => typeof(LocalObjectStore);

    public override void Dispose()
    {
        base.Dispose();
        directory.Delete(recursive: true);
    }
}
