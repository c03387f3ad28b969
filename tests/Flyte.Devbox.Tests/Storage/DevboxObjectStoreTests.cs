using Flyte.Devbox.Storage;
using Flyte.Storage;

namespace Flyte.Devbox.Tests.Storage;

public sealed class DevboxObjectStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "flyte-devbox-storage-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Theory]
    [InlineData("a/b.txt")]
    [InlineData("with space/hash#percent%question?.txt")]
    public async Task A_native_url_names_the_object_for_local_object_store_and_maps_back(string path)
    {
        var store = new DevboxObjectStore(_root);
        Directory.CreateDirectory(Path.GetDirectoryName(store.FullPathOf(path))!);
        await File.WriteAllTextAsync(store.FullPathOf(path), "bytes");

        var nativeUrl = store.NativeUrlOf(path);

        Assert.StartsWith("file:///", nativeUrl);
        using var local = new LocalObjectStore();
        Assert.True(await local.ExistsAsync(nativeUrl));
        Assert.True(store.TryGetRelativePath(nativeUrl, out var back));
        Assert.Equal(path, back);
    }

    [Theory]
    [InlineData("s3://bucket/key")]
    [InlineData("file:///etc/passwd")]
    [InlineData("not a url")]
    [InlineData("file://host/x")]
    public void Urls_outside_the_root_have_no_relative_path(string nativeUrl)
    {
        var store = new DevboxObjectStore(_root);

        Assert.False(store.TryGetRelativePath(nativeUrl, out _));
    }

    [Fact]
    public void A_url_that_climbs_out_of_the_root_has_no_relative_path()
    {
        var store = new DevboxObjectStore(_root);
        var sibling = "file://" + _root + "-sibling/x";
        var climbing = store.NativeUrlOf("a/b") + "/../../../outside";

        Assert.False(store.TryGetRelativePath(sibling, out _));
        Assert.False(store.TryGetRelativePath(climbing, out _));
    }

    [Fact]
    public void Full_paths_refuse_escaping_paths()
    {
        var store = new DevboxObjectStore(_root);

        Assert.Throws<ArgumentException>(() => store.FullPathOf("../outside"));
        Assert.Throws<ArgumentException>(() => store.FullPathOf("/etc/passwd"));
    }

    [Fact]
    public void Uploads_go_under_project_domain_and_the_md5_or_the_filename_root()
    {
        byte[] md5 = [0xAB, 0xCD, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13];

        Assert.Equal("uploads/p/d/abcd000102030405060708090a0b0c0d/f.tgz", DevboxObjectStore.UploadPath("p", "d", null, md5, "f.tgz"));
        Assert.Equal("uploads/p/d/root/sub/f.tgz", DevboxObjectStore.UploadPath("p", "d", "root", md5, "sub/f.tgz"));
    }
}
