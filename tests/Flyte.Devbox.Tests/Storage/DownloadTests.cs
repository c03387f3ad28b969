using System.Net;
using System.Text;
using Flyte.Devbox.Storage;
using Flyteidl2.Dataproxy;
using Grpc.Core;

namespace Flyte.Devbox.Tests.Storage;

public sealed class DownloadTests : IAsyncLifetime
{
    private static readonly byte[] Content = Encoding.UTF8.GetBytes("bundle bytes to read back");

    private readonly FixedArtifacts _artifacts = new();
    private StorageServer _server = null!;

    public async Task InitializeAsync() => _server = await StorageServer.StartAsync(artifacts: _artifacts);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_download_link_serves_the_uploaded_bytes()
    {
        var location = await Uploads.LocationForAsync(_server, Content);
        using (var put = await _server.Http.SendAsync(Uploads.Put(location, Content)))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }
        _artifacts.NativeUrls = [location.NativeUrl];

        var link = await _server.DataProxy.CreateDownloadLinkAsync(CodeBundleOfATask());
        using var response = await _server.Http.GetAsync(Assert.Single(link.PreSignedUrls.SignedUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Content, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(Content.Length, response.Content.Headers.ContentLength);
        Assert.InRange(link.PreSignedUrls.ExpiresAt.ToDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(59), DateTimeOffset.UtcNow.AddHours(1).AddSeconds(1));
    }

    [Fact]
    public async Task A_tampered_download_url_is_forbidden()
    {
        Directory.CreateDirectory(Path.Combine(_server.Store.Root, "a"));
        await File.WriteAllBytesAsync(_server.Store.FullPathOf("a/b.txt"), Content);
        var url = _server.Urls.ForDownload("a/b.txt", DateTimeOffset.UtcNow.AddMinutes(5));

        using var response = await _server.Http.GetAsync(url.Replace("sig=", "sig=x", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task An_upload_url_cannot_download()
    {
        Directory.CreateDirectory(Path.Combine(_server.Store.Root, "a"));
        await File.WriteAllBytesAsync(_server.Store.FullPathOf("a/b.txt"), Content);
        var url = _server.Urls.ForUpload("a/b.txt", System.Security.Cryptography.MD5.HashData(Content), DateTimeOffset.UtcNow.AddMinutes(5));

        using var response = await _server.Http.GetAsync(url);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_signed_url_to_a_missing_object_is_not_found()
    {
        var url = _server.Urls.ForDownload("nothing/here.bin", DateTimeOffset.UtcNow.AddMinutes(5));

        using var response = await _server.Http.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("No object at 'nothing/here.bin'", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_artifact_outside_devbox_storage_is_refused()
    {
        _artifacts.NativeUrls = ["s3://bucket/key.tar.gz"];

        var error = await Assert.ThrowsAsync<RpcException>(async () => await _server.DataProxy.CreateDownloadLinkAsync(CodeBundleOfATask()));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Contains("not in devbox storage", error.Status.Detail);
    }

    [Fact]
    public async Task A_missing_artifact_is_not_found()
    {
        _artifacts.NativeUrls = [];

        var error = await Assert.ThrowsAsync<RpcException>(async () => await _server.DataProxy.CreateDownloadLinkAsync(CodeBundleOfATask()));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task A_request_without_artifact_type_or_source_is_invalid()
    {
        var noType = CodeBundleOfATask();
        noType.ArtifactType = ArtifactType.Unspecified;
        var noSource = CodeBundleOfATask();
        noSource.ClearSource();

        var typeError = await Assert.ThrowsAsync<RpcException>(async () => await _server.DataProxy.CreateDownloadLinkAsync(noType));
        var sourceError = await Assert.ThrowsAsync<RpcException>(async () => await _server.DataProxy.CreateDownloadLinkAsync(noSource));

        Assert.Equal(StatusCode.InvalidArgument, typeError.StatusCode);
        Assert.Contains("artifact_type is required", typeError.Status.Detail);
        Assert.Equal(StatusCode.InvalidArgument, sourceError.StatusCode);
        Assert.Contains("source is required", sourceError.Status.Detail);
    }

    private static CreateDownloadLinkRequest CodeBundleOfATask() => new()
    {
        ArtifactType = ArtifactType.CodeBundle,
        TaskId = new Flyteidl2.Task.TaskIdentifier { Project = "flytesnacks", Domain = "development", Name = "quickstart.Square", Version = "v1" },
    };

    private sealed class FixedArtifacts : IArtifactLocator
    {
        public IReadOnlyList<string> NativeUrls { get; set; } = [];

        public Task<IReadOnlyList<string>> FindAsync(CreateDownloadLinkRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(NativeUrls);
    }
}
