using System.Net;
using System.Security.Cryptography;
using System.Text;
using Flyte.Storage;

namespace Flyte.Devbox.Tests.Storage;

public sealed class UploadTests : IAsyncLifetime
{
    private static readonly byte[] Content = Encoding.UTF8.GetBytes("a code bundle, or any other bytes");

    private StorageServer _server = null!;

    public async Task InitializeAsync() => _server = await StorageServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_put_to_the_signed_url_stores_the_bytes_at_the_native_url()
    {
        var location = await Uploads.LocationForAsync(_server, Content);

        using var response = await _server.Http.SendAsync(Uploads.Put(location, Content));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var store = new LocalObjectStore();
        await using var stored = await store.OpenReadAsync(location.NativeUrl);
        using var copy = new MemoryStream();
        await stored.CopyToAsync(copy);
        Assert.Equal(Content, copy.ToArray());
    }

    [Fact]
    public async Task The_location_is_under_uploads_project_domain_and_the_md5_in_hex()
    {
        var location = await Uploads.LocationForAsync(_server, Content, "fast0123.tar.gz");

        var md5Hex = Convert.ToHexStringLower(MD5.HashData(Content));
        Assert.True(_server.Store.TryGetRelativePath(location.NativeUrl, out var path));
        Assert.Equal($"uploads/flytesnacks/development/{md5Hex}/fast0123.tar.gz", path);
        Assert.StartsWith("file:///", location.NativeUrl);
        Assert.StartsWith(_server.BaseAddress + "/storage/uploads/", location.SignedUrl);
        Assert.Equal(Convert.ToBase64String(MD5.HashData(Content)), location.Headers["Content-MD5"]);
    }

    [Fact]
    public async Task Filename_root_replaces_the_md5_in_the_location()
    {
        var location = await _server.DataProxy.CreateUploadLocationAsync(Uploads.RequestFor(Content, "inputs.pb", filenameRoot: "run-7"));

        Assert.True(_server.Store.TryGetRelativePath(location.NativeUrl, out var path));
        Assert.Equal("uploads/flytesnacks/development/run-7/inputs.pb", path);
    }

    [Fact]
    public async Task Expiry_defaults_to_an_hour()
    {
        var before = DateTimeOffset.UtcNow;

        var location = await Uploads.LocationForAsync(_server, Content);

        var expiresAt = location.ExpiresAt.ToDateTimeOffset();
        Assert.InRange(expiresAt, before.AddHours(1).AddSeconds(-2), DateTimeOffset.UtcNow.AddHours(1).AddSeconds(1));
    }

    [Fact]
    public async Task A_body_that_does_not_match_its_md5_is_refused_and_nothing_is_stored()
    {
        var location = await Uploads.LocationForAsync(_server, Content);
        var corrupted = Encoding.UTF8.GetBytes("other bytes of the same length, nearly!!");

        using var response = await _server.Http.SendAsync(Uploads.Put(location, corrupted));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Content-MD5 mismatch", await response.Content.ReadAsStringAsync());
        AssertNothingStoredFor(location.NativeUrl);
    }

    [Fact]
    public async Task A_put_without_content_md5_is_refused()
    {
        var location = await Uploads.LocationForAsync(_server, Content);

        using var response = await _server.Http.SendAsync(Uploads.Put(location.SignedUrl, Content, contentMd5: null));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Content-MD5 header is missing", await response.Content.ReadAsStringAsync());
        AssertNothingStoredFor(location.NativeUrl);
    }

    [Fact]
    public async Task A_content_md5_other_than_the_signed_one_is_refused_even_if_it_matches_the_body()
    {
        var location = await Uploads.LocationForAsync(_server, Content);
        var other = Encoding.UTF8.GetBytes("other content");

        using var response = await _server.Http.SendAsync(Uploads.Put(location.SignedUrl, other, Convert.ToBase64String(MD5.HashData(other))));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not the MD5 this URL was signed for", await response.Content.ReadAsStringAsync());
        AssertNothingStoredFor(location.NativeUrl);
    }

    [Fact]
    public async Task A_tampered_signature_is_forbidden()
    {
        var location = await Uploads.LocationForAsync(_server, Content);
        var tampered = location.SignedUrl[..^2] + (location.SignedUrl[^2] == 'A' ? "BB" : "AA");

        using var response = await _server.Http.SendAsync(Uploads.Put(tampered, Content, location.Headers["Content-MD5"]));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("signature is not valid", await response.Content.ReadAsStringAsync());
        AssertNothingStoredFor(location.NativeUrl);
    }

    [Fact]
    public async Task A_signed_url_for_another_path_does_not_open_this_one()
    {
        var location = await Uploads.LocationForAsync(_server, Content, "a.txt");
        var moved = location.SignedUrl.Replace("/a.txt?", "/b.txt?", StringComparison.Ordinal);

        using var response = await _server.Http.SendAsync(Uploads.Put(moved, Content, location.Headers["Content-MD5"]));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_later_expiry_written_into_the_url_is_forbidden()
    {
        var location = await Uploads.LocationForAsync(_server, Content);
        var expires = location.ExpiresAt.ToDateTimeOffset().ToUnixTimeSeconds();
        var extended = location.SignedUrl.Replace($"expires={expires}", $"expires={expires + 3600}", StringComparison.Ordinal);

        using var response = await _server.Http.SendAsync(Uploads.Put(extended, Content, location.Headers["Content-MD5"]));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task An_expired_url_is_forbidden()
    {
        var md5 = MD5.HashData(Content);
        var expired = _server.Urls.ForUpload("uploads/p/d/x/file.bin", md5, DateTimeOffset.UtcNow.AddMinutes(-1));

        using var response = await _server.Http.SendAsync(Uploads.Put(expired, Content, Convert.ToBase64String(md5)));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("expired", await response.Content.ReadAsStringAsync());
        Assert.False(_server.Store.Exists("uploads/p/d/x/file.bin"));
    }

    [Fact]
    public async Task A_download_url_cannot_upload()
    {
        var md5 = MD5.HashData(Content);
        var download = _server.Urls.ForDownload("uploads/p/d/x/file.bin", DateTimeOffset.UtcNow.AddMinutes(5));

        using var response = await _server.Http.SendAsync(Uploads.Put(download, Content, Convert.ToBase64String(md5)));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(_server.Store.Exists("uploads/p/d/x/file.bin"));
    }

    [Theory]
    [InlineData("/storage/a%5Cb.txt")]
    [InlineData("/storage/a//b.txt")]
    public async Task A_path_that_is_not_a_clean_relative_path_is_refused(string pathAndQuery)
    {
        using var response = await _server.Http.SendAsync(Uploads.Put(_server.BaseAddress + pathAndQuery + "?op=put", Content, "x"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Invalid object path", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Dot_dot_segments_never_reach_outside_the_root()
    {
        var secret = Path.Combine(_server.DataDirectory, "outside.txt");
        await File.WriteAllTextAsync(secret, "not for download");

        // Escaped, so that HttpClient sends them as they are; the server must not resolve them to a file outside the root.
        using var response = await _server.Http.GetAsync(_server.BaseAddress + "/storage/%2E%2E/outside.txt?op=get");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("not for download", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_same_content_uploaded_again_gets_the_same_location()
    {
        var first = await Uploads.LocationForAsync(_server, Content);
        using (var put = await _server.Http.SendAsync(Uploads.Put(first, Content)))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        var second = await Uploads.LocationForAsync(_server, Content);

        Assert.Equal(first.NativeUrl, second.NativeUrl);
        using var again = await _server.Http.SendAsync(Uploads.Put(second, Content));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task Other_content_at_an_existing_filename_root_location_is_already_exists()
    {
        var first = await _server.DataProxy.CreateUploadLocationAsync(Uploads.RequestFor(Content, "inputs.pb", filenameRoot: "fixed"));
        using (var put = await _server.Http.SendAsync(Uploads.Put(first, Content)))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        var error = await Assert.ThrowsAsync<Grpc.Core.RpcException>(async () =>
            await _server.DataProxy.CreateUploadLocationAsync(Uploads.RequestFor([1, 2, 3], "inputs.pb", filenameRoot: "fixed")));

        Assert.Equal(Grpc.Core.StatusCode.AlreadyExists, error.StatusCode);
        Assert.Contains("already exists with other content", error.Status.Detail);
    }

    [Fact]
    public async Task A_large_body_streams_through()
    {
        var large = new byte[40 * 1024 * 1024];
        new Random(7).NextBytes(large);
        var location = await Uploads.LocationForAsync(_server, large, "large.bin");

        using var response = await _server.Http.SendAsync(Uploads.Put(location, large));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(_server.Store.TryGetRelativePath(location.NativeUrl, out var path));
        Assert.Equal(large.Length, new FileInfo(_server.Store.FullPathOf(path)).Length);
    }

    private void AssertNothingStoredFor(string nativeUrl)
    {
        Assert.True(_server.Store.TryGetRelativePath(nativeUrl, out var path));
        Assert.False(_server.Store.Exists(path));
        // No partial file left behind either.
        Assert.Empty(Directory.EnumerateFiles(_server.Store.Root, "*", SearchOption.AllDirectories));
    }
}
