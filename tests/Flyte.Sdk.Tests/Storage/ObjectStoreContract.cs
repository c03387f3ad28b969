using System.Text;
using Flyte.Storage;

namespace Flyte.Sdk.Tests.Storage;

/// <summary>What every <see cref="IObjectStore"/> must do; each store's test class runs it against a fresh root.</summary>
public abstract class ObjectStoreContract : IDisposable
{
    protected const long LargeObjectSize = 40L * 1024 * 1024;

    /// <summary>A fresh prefix, ending in '/', under which this test's objects live.</summary>
    protected abstract string Root { get; }

    /// <summary>The store under test, obtained through <see cref="ObjectStores.For"/>.</summary>
    protected abstract IObjectStore Store { get; }

    protected abstract Type ExpectedStoreType { get; }

    protected string At(string relative) => Root + relative;

    public virtual void Dispose()
    {
        Store.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void ObjectStoresFor_PicksTheStoreOfTheScheme()
    {
        Assert.IsType(ExpectedStoreType, Store);
    }

    [Fact]
    public async Task WriteThenRead_ReturnsTheSameBytes()
    {
        var uri = At("dir/hello.txt");
        await WriteTextAsync(uri, "hello, flyte ✓");

        Assert.Equal("hello, flyte ✓", await ReadTextAsync(uri));
    }

    [Fact]
    public async Task Write_StartsAtTheStreamsCurrentPosition()
    {
        var uri = At("positioned");
        using var content = new MemoryStream(Encoding.UTF8.GetBytes("skip:keep"));
        content.Position = 5;

        await Store.WriteAsync(uri, content);

        Assert.Equal("keep", await ReadTextAsync(uri));
    }

    [Fact]
    public async Task Write_OfAnEmptyStream_StoresAnEmptyObject()
    {
        var uri = At("empty");
        await Store.WriteAsync(uri, new MemoryStream());

        Assert.True(await Store.ExistsAsync(uri));
        Assert.Equal("", await ReadTextAsync(uri));
    }

    [Fact]
    public async Task Write_ReplacesAnExistingObjectWhole()
    {
        var uri = At("overwritten");
        await WriteTextAsync(uri, "a much longer first version");
        await WriteTextAsync(uri, "short");

        Assert.Equal("short", await ReadTextAsync(uri));
    }

    [Fact]
    public async Task ExistsAndDelete_FollowTheObjectsLife()
    {
        var uri = At("a/b/life");
        Assert.False(await Store.ExistsAsync(uri));

        await WriteTextAsync(uri, "x");
        Assert.True(await Store.ExistsAsync(uri));

        await Store.DeleteAsync(uri);
        Assert.False(await Store.ExistsAsync(uri));
        await Assert.ThrowsAsync<ObjectNotFoundException>(() => Store.OpenReadAsync(uri));
    }

    [Fact]
    public async Task Delete_OfAMissingObject_IsNotAnError()
    {
        await Store.DeleteAsync(At("never/written"));
        await Store.DeleteAsync(At("never-written"));
    }

    [Fact]
    public async Task OpenRead_OfAMissingObject_ThrowsObjectNotFoundNamingTheUri()
    {
        var uri = At("missing/object.bin");

        var error = await Assert.ThrowsAsync<ObjectNotFoundException>(() => Store.OpenReadAsync(uri));

        Assert.Equal(uri, error.Uri);
        Assert.Contains(uri, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_ReturnsTheObjectsUnderAPrefix_InOrder()
    {
        string[] names = ["a/2", "a/1", "a/sub/3", "ab/4", "b/5"];
        foreach (var name in names)
        {
            await WriteTextAsync(At(name), name);
        }

        Assert.Equal([At("a/1"), At("a/2"), At("a/sub/3")], await ListAsync(At("a/")));
        // A plain string prefix, as in S3: "a" also matches "ab/…".
        Assert.Equal([At("a/1"), At("a/2"), At("a/sub/3"), At("ab/4")], await ListAsync(At("a")));
        Assert.Equal([At("a/1"), At("a/2"), At("a/sub/3"), At("ab/4"), At("b/5")], await ListAsync(Root));
        Assert.Empty(await ListAsync(At("c/")));

        // What List returns reads back as the object it names.
        foreach (var listed in await ListAsync(Root))
        {
            Assert.Equal(listed[Root.Length..], await ReadTextAsync(listed));
        }
    }

    [Fact]
    public async Task List_OfAMissingPrefix_IsEmpty()
    {
        Assert.Empty(await ListAsync(At("nothing/here/")));
    }

    [Fact]
    public async Task FailedWrite_LeavesThePreviousObjectAndNoPartialOne()
    {
        var uri = At("kept");
        await WriteTextAsync(uri, "previous");

        // Failing after 20 MiB: on S3, after some parts were uploaded.
        await Assert.ThrowsAsync<IOException>(() => LargeStore.WriteAsync(uri, new GeneratedStream(LargeObjectSize, failAfter: 20L * 1024 * 1024)));
        await Assert.ThrowsAsync<IOException>(() => LargeStore.WriteAsync(At("never"), new GeneratedStream(LargeObjectSize, failAfter: 20L * 1024 * 1024)));

        Assert.Equal("previous", await ReadTextAsync(uri));
        Assert.False(await Store.ExistsAsync(At("never")));
        Assert.Equal([uri], await ListAsync(Root));
    }

    [Fact]
    public async Task LargeObject_RoundTripsAsAStream()
    {
        var uri = At("large.bin");
        await WriteLargeAsync(LargeStore, uri, LargeObjectSize);

        await AssertGeneratedContentAsync(uri, LargeObjectSize);
    }

    /// <summary>The store large objects are written with (S3 lowers its multipart threshold there).</summary>
    protected virtual IObjectStore LargeStore => Store;

    protected static Task WriteLargeAsync(IObjectStore store, string uri, long size, int seed = 1) =>
        store.WriteAsync(uri, new GeneratedStream(size, seed));

    protected async Task AssertGeneratedContentAsync(string uri, long size, int seed = 1)
    {
        await using var read = await Store.OpenReadAsync(uri);
        var buffer = new byte[1 << 16];
        long position = 0;
        int count;
        while ((count = await read.ReadAsync(buffer)) > 0)
        {
            Assert.True(position + count <= size, $"{uri} is longer than {size} bytes.");
            for (var i = 0; i < count; i++)
            {
                if (buffer[i] != GeneratedStream.ByteAt(position + i, seed))
                {
                    Assert.Fail($"{uri} differs from what was written at byte {position + i}.");
                }
            }
            position += count;
        }
        Assert.Equal(size, position);
    }

    protected async Task WriteTextAsync(string uri, string text)
    {
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(text));
        await Store.WriteAsync(uri, content);
    }

    protected async Task<string> ReadTextAsync(string uri)
    {
        await using var stream = await Store.OpenReadAsync(uri);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    protected async Task<List<string>> ListAsync(string prefix)
    {
        var uris = new List<string>();
        await foreach (var uri in Store.ListAsync(prefix))
        {
            uris.Add(uri);
        }
        return uris;
    }
}
