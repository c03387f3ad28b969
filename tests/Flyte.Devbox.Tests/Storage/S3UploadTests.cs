using System.Net;
using System.Security.Cryptography;
using System.Text;
using Flyte.Devbox.Storage;
using Flyte.Devbox.Tests.EndToEnd;
using Flyte.Storage;
using Flyte.Tests.Shared;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Flyte.Devbox.Tests.Storage;

/// <summary>Upload locations of a devbox whose run data is in an S3 bucket (a real s3rver): presigned S3 URLs and s3:// native URLs.</summary>
public sealed class S3UploadTests(S3rverFixture s3) : IClassFixture<S3rverFixture>, IAsyncLifetime
{
    private static readonly byte[] Content = Encoding.UTF8.GetBytes("a code bundle, or any other bytes");

    private readonly string _prefix = "devbox-" + Guid.NewGuid().ToString("N");
    private readonly HttpClient _http = new();
    private DevboxHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await DevboxHarness.StartAsync(configure: options => options with
    {
        S3 = new S3StorageOptions { Bucket = S3rverFixture.Bucket, Prefix = _prefix, Connection = s3.Options },
    });

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _harness.DisposeAsync();
    }

    [Fact]
    public async Task A_put_to_the_presigned_url_stores_the_bytes_in_the_bucket_at_the_native_url()
    {
        var location = await _harness.DataProxy.CreateUploadLocationAsync(Uploads.RequestFor(Content));

        using var response = await _http.SendAsync(Uploads.Put(location, Content));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        string md5Hex = Convert.ToHexStringLower(MD5.HashData(Content));
        Assert.Equal($"s3://{S3rverFixture.Bucket}/{_prefix}/uploads/flytesnacks/development/{md5Hex}/fast0123.tar.gz", location.NativeUrl);
        Assert.StartsWith($"{s3.Endpoint}/{S3rverFixture.Bucket}/{_prefix}/uploads/", location.SignedUrl);
        Assert.Equal(Convert.ToBase64String(MD5.HashData(Content)), location.Headers["Content-MD5"]);
        Assert.Equal(Content, await ReadAsync(location.NativeUrl));
    }

    [Fact]
    public async Task The_presigned_url_signs_the_Content_MD5_so_another_value_breaks_its_signature()
    {
        var location = await _harness.DataProxy.CreateUploadLocationAsync(Uploads.RequestFor(Content));
        var url = new Uri(location.SignedUrl);
        string secret = s3.Options.SecretAccessKey!;

        Assert.Contains("content-md5", SigV4QuerySignature.SignedHeaders(url));
        Assert.True(SigV4QuerySignature.Matches(url, "PUT", new Dictionary<string, string> { ["content-md5"] = location.Headers["Content-MD5"] }, secret));
        string otherMd5 = Convert.ToBase64String(MD5.HashData(Encoding.UTF8.GetBytes("other bytes")));
        Assert.False(SigV4QuerySignature.Matches(url, "PUT", new Dictionary<string, string> { ["content-md5"] = otherMd5 }, secret));
        Assert.False(SigV4QuerySignature.Matches(url, "PUT", new Dictionary<string, string>(), secret));
        Assert.False(SigV4QuerySignature.Matches(url, "GET", new Dictionary<string, string> { ["content-md5"] = location.Headers["Content-MD5"] }, secret));
    }

    [Fact]
    public async Task An_expired_presigned_url_is_refused_by_S3()
    {
        var request = Uploads.RequestFor(Content);
        request.ExpiresIn = Duration.FromTimeSpan(TimeSpan.FromSeconds(2));
        var location = await _harness.DataProxy.CreateUploadLocationAsync(request);
        await Task.Delay(TimeSpan.FromSeconds(3.5));

        using var response = await _http.SendAsync(Uploads.Put(location, Content));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("expired", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        using var store = new S3ObjectStore(s3.Options);
        Assert.False(await store.ExistsAsync(location.NativeUrl));
    }

    [Fact]
    public async Task Asking_again_for_stored_content_is_fine_but_other_content_at_that_location_is_refused()
    {
        var first = await _harness.DataProxy.CreateUploadLocationAsync(Uploads.RequestFor(Content, "inputs.pb", filenameRoot: "run-7"));
        using (var response = await _http.SendAsync(Uploads.Put(first, Content)))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var again = await _harness.DataProxy.CreateUploadLocationAsync(Uploads.RequestFor(Content, "inputs.pb", filenameRoot: "run-7"));
        var other = await Assert.ThrowsAsync<RpcException>(async () =>
            await _harness.DataProxy.CreateUploadLocationAsync(Uploads.RequestFor(Encoding.UTF8.GetBytes("other bytes"), "inputs.pb", filenameRoot: "run-7")));

        Assert.Equal(first.NativeUrl, again.NativeUrl);
        Assert.Equal($"s3://{S3rverFixture.Bucket}/{_prefix}/uploads/flytesnacks/development/run-7/inputs.pb", first.NativeUrl);
        Assert.Equal(StatusCode.AlreadyExists, other.StatusCode);
        Assert.Contains("already exists with other content", other.Status.Detail);
        Assert.Equal(Content, await ReadAsync(first.NativeUrl));
    }

    [Fact]
    public async Task A_presigned_download_url_answers_with_the_object()
    {
        var location = await _harness.DataProxy.CreateUploadLocationAsync(Uploads.RequestFor(Content));
        using (var response = await _http.SendAsync(Uploads.Put(location, Content)))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        Assert.True(_harness.Devbox.Storage.TryGetRelativePath(location.NativeUrl, out var path));

        string url = await _harness.Devbox.Storage.DownloadUrlAsync(path, DateTimeOffset.UtcNow.AddMinutes(5));

        Assert.StartsWith($"{s3.Endpoint}/{S3rverFixture.Bucket}/{_prefix}/uploads/", url);
        Assert.Equal(Content, await _http.GetByteArrayAsync(url));
    }

    private async Task<byte[]> ReadAsync(string uri)
    {
        using var store = new S3ObjectStore(s3.Options);
        await using var stored = await store.OpenReadAsync(uri);
        using var copy = new MemoryStream();
        await stored.CopyToAsync(copy);
        return copy.ToArray();
    }
}
