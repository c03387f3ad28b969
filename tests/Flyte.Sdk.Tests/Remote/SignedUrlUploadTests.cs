using System.Diagnostics;
using System.Security.Cryptography;
using Azure.Storage.Sas;
using Flyte.Remote;
using Flyte.Storage;
using Flyteidl2.Dataproxy;

namespace Flyte.Sdk.Tests.Remote;

/// <summary>The PUT to a signed URL: against a real loopback HTTP server that fails on cue, and against Azurite's own SAS URLs.</summary>
public sealed class SignedUrlUploadTests : IClassFixture<AzuriteFixture>, IDisposable
{
    private static readonly SignedUrlRetry Quick = new(3, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(80), TimeSpan.FromSeconds(2));

    private readonly AzuriteFixture azurite;
    private readonly HttpClient http = new();
    private readonly string file = Path.Combine(Path.GetTempPath(), $"flyte-upload-{Guid.NewGuid():N}.bin");
    private readonly LocalUpload upload;

    public SignedUrlUploadTests(AzuriteFixture azurite)
    {
        this.azurite = azurite;
        var bytes = RandomNumberGenerator.GetBytes(100_000);
        File.WriteAllBytes(file, bytes);
        upload = new LocalUpload(file, MD5.HashData(bytes), bytes.Length, "data.bin", "", "input file");
    }

    public void Dispose()
    {
        http.Dispose();
        File.Delete(file);
    }

    private static CreateUploadLocationResponse Location(string signedUrl, string nativeUrl, params (string Name, string Value)[] headers)
    {
        var location = new CreateUploadLocationResponse { SignedUrl = signedUrl, NativeUrl = nativeUrl };
        foreach (var (name, value) in headers)
        {
            location.Headers.Add(name, value);
        }
        return location;
    }

    [Fact]
    public async Task Two503s_AreRetriedWithBackoff_AndEveryAttemptCarriesTheHeadersAskedFor()
    {
        using var server = new ScriptedHttpServer((503, null), (503, null), (200, null));
        var location = Location(server.Url("bucket/data.bin?X-Amz-Signature=abc"), "s3://bucket/data.bin",
            ("x-amz-meta-flyte", "kept"), ("Content-Type", "application/x-flyte"), ("Content-MD5", Convert.ToBase64String(upload.ContentMd5)));

        await SignedUrlUpload.PutAsync(http, location, upload, Quick, CancellationToken.None);

        var requests = server.Requests.ToArray();
        Assert.Equal(3, requests.Length);
        foreach (var request in requests)
        {
            Assert.Equal("PUT", request.Method);
            Assert.Equal("kept", request.Headers["x-amz-meta-flyte"]);
            Assert.Equal("application/x-flyte", request.Headers["Content-Type"]);
            Assert.Equal(Convert.ToBase64String(upload.ContentMd5), request.Headers["Content-MD5"]);
            Assert.Equal(upload.ContentMd5, request.BodyMd5);
            Assert.False(request.Headers.ContainsKey("x-ms-blob-type"));
        }
        // 20 ms, then 40 ms: each wait at least the backoff asked for.
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromMilliseconds(15), $"{requests[1].At - requests[0].At}");
        Assert.True(requests[2].At - requests[1].At >= TimeSpan.FromMilliseconds(35), $"{requests[2].At - requests[1].At}");
    }

    [Theory]
    [InlineData(408)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(504)]
    public async Task TransientStatuses_AreRetried(int status)
    {
        using var server = new ScriptedHttpServer((status, null), (201, null));

        await SignedUrlUpload.PutAsync(http, Location(server.Url("o"), "s3://bucket/o"), upload, Quick, CancellationToken.None);

        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task RetryAfter_IsHonoured()
    {
        using var server = new ScriptedHttpServer((429, "1"), (200, null));

        var clock = Stopwatch.StartNew();
        await SignedUrlUpload.PutAsync(http, Location(server.Url("o"), "s3://bucket/o"), upload, Quick, CancellationToken.None);

        Assert.Equal(2, server.Requests.Count);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.95), $"waited {clock.Elapsed}, not the 1 s Retry-After asked for");
    }

    [Fact]
    public async Task ARefusal_IsNotRetried_AndIsOneLineWithTheStatusAndBody()
    {
        using var server = new ScriptedHttpServer((403, null));

        var error = await Assert.ThrowsAsync<FlyteRemoteException>(() =>
            SignedUrlUpload.PutAsync(http, Location(server.Url("o?sig=secret"), "s3://bucket/o"), upload, Quick, CancellationToken.None));

        Assert.Single(server.Requests);
        Assert.Equal($"uploading input file {file} failed: HTTP 403 <Error>status 403</Error>", error.Message);
    }

    [Fact]
    public async Task RetriesRunOut_AfterMaxRetries_SayingHowManyAttempts()
    {
        using var server = new ScriptedHttpServer((503, null));

        var error = await Assert.ThrowsAsync<FlyteRemoteException>(() =>
            SignedUrlUpload.PutAsync(http, Location(server.Url("o"), "s3://bucket/o"), upload, Quick, CancellationToken.None));

        Assert.Equal(4, server.Requests.Count);
        Assert.Equal($"uploading input file {file} failed after 4 attempts: HTTP 503 <Error>status 503</Error>", error.Message);
    }

    [Fact]
    public async Task ARefusedConnection_IsRetriedThenReported()
    {
        var closed = LoopbackPorts.Free();

        var error = await Assert.ThrowsAsync<FlyteRemoteException>(() =>
            SignedUrlUpload.PutAsync(http, Location($"http://127.0.0.1:{closed}/o", "s3://bucket/o"), upload, Quick, CancellationToken.None));

        Assert.StartsWith($"uploading input file {file} failed after 4 attempts: ", error.Message, StringComparison.Ordinal);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Theory]
    [InlineData("abfs://container/data.bin", true)]
    [InlineData("abfss://container@acct.dfs.core.windows.net/data.bin", true)]
    [InlineData("s3://bucket/data.bin", false)]
    [InlineData("gs://bucket/data.bin", false)]
    public void AzureNativeUrls_AddTheBlobTypeHeader(string nativeUrl, bool azure)
    {
        var headers = SignedUrlUpload.HeadersFor(Location("http://127.0.0.1:9/x", nativeUrl));

        Assert.Equal(azure, headers.TryGetValue("x-ms-blob-type", out var type));
        Assert.Equal(azure ? "BlockBlob" : null, type);
    }

    [Fact]
    public async Task ToAzuritesSasUrl_TheBlobTypeHeaderMakesThePutABlockBlob()
    {
        var name = $"signed/{Guid.NewGuid():N}.bin";
        var blob = azurite.CreateClient().GetBlobContainerClient(AzuriteFixture.Container).GetBlobClient(name);
        var sas = blob.GenerateSasUri(BlobSasPermissions.Create | BlobSasPermissions.Write, DateTimeOffset.UtcNow.AddMinutes(5)).ToString();

        // Azure refuses a PUT that does not say which kind of blob it makes: what flyte-sdk's extra header is for.
        var refused = await Assert.ThrowsAsync<FlyteRemoteException>(() =>
            SignedUrlUpload.PutAsync(http, Location(sas, "s3://not-azure/" + name), upload, Quick, CancellationToken.None));
        Assert.Contains("HTTP 400", refused.Message, StringComparison.Ordinal);

        await SignedUrlUpload.PutAsync(http, Location(sas, $"abfs://{AzuriteFixture.Container}/{name}"), upload, Quick, CancellationToken.None);

        using var store = new AzureBlobObjectStore(azurite.Options);
        var stored = await ((IObjectStore)store).ReadAllBytesAsync($"abfs://{AzuriteFixture.Container}/{name}");
        Assert.Equal(await File.ReadAllBytesAsync(file), stored);
        var properties = (await blob.GetPropertiesAsync()).Value;
        Assert.Equal(Azure.Storage.Blobs.Models.BlobType.Block, properties.BlobType);
        Assert.Equal(upload.ContentMd5, properties.ContentHash);
    }
}
