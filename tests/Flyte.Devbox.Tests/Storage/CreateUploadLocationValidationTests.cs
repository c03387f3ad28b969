using System.Text;
using Flyteidl2.Dataproxy;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Flyte.Devbox.Tests.Storage;

public sealed class CreateUploadLocationValidationTests : IAsyncLifetime
{
    private static readonly byte[] Content = Encoding.UTF8.GetBytes("content");

    private StorageServer _server = null!;

    public async Task InitializeAsync() => _server = await StorageServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string, Action<CreateUploadLocationRequest>, string> BadRequests => new()
    {
        { "no project", r => r.Project = "", "project is required" },
        { "project with a slash", r => r.Project = "a/b", "project 'a/b' is not valid: use lowercase letters" },
        { "project ..", r => r.Project = "..", "project '..' is not valid: use lowercase letters" },
        { "no domain", r => r.Domain = "", "domain is required" },
        { "no filename", r => r.Filename = "", "filename is required" },
        { "filename escaping", r => r.Filename = "../../etc/passwd", "filename '../../etc/passwd' is not valid: no empty, '.' or '..' path segments" },
        { "absolute filename", r => r.Filename = "/etc/passwd", "filename '/etc/passwd' is not valid: a relative path with '/' between folders" },
        { "backslash filename", r => r.Filename = "a\\b", "filename 'a\\b' is not valid: a relative path with '/' between folders: no leading '/', backslashes or control characters" },
        { "filename_root escaping", r => r.FilenameRoot = "..", "filename_root '..' is not valid: no empty, '.' or '..' path segments" },
        { "no md5", r => r.ContentMd5 = ByteString.Empty, "content_md5 must be the 16-byte MD5 digest of the content, not 0 bytes" },
        { "short md5", r => r.ContentMd5 = ByteString.CopyFrom(1, 2, 3), "not 3 bytes" },
        { "negative expiry", r => r.ExpiresIn = Duration.FromTimeSpan(TimeSpan.FromMinutes(-1)), "expires_in must be positive" },
        { "expiry too long", r => r.ExpiresIn = Duration.FromTimeSpan(TimeSpan.FromHours(25)), "exceeds the maximum of 24h" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_input_is_invalid_argument_with_a_message_naming_the_field(string because, Action<CreateUploadLocationRequest> spoil, string message)
    {
        var request = Uploads.RequestFor(Content);
        spoil(request);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await _server.DataProxy.CreateUploadLocationAsync(request));

        Assert.True(error.StatusCode == StatusCode.InvalidArgument, because);
        Assert.Contains(message, error.Status.Detail);
        Assert.DoesNotContain('\n', error.Status.Detail);
    }

    [Fact]
    public async Task An_expiry_within_the_limit_is_honoured()
    {
        var request = Uploads.RequestFor(Content);
        request.ExpiresIn = Duration.FromTimeSpan(TimeSpan.FromMinutes(5));

        var location = await _server.DataProxy.CreateUploadLocationAsync(request);

        Assert.InRange(location.ExpiresAt.ToDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(4), DateTimeOffset.UtcNow.AddMinutes(5).AddSeconds(1));
    }

    [Fact]
    public async Task Upload_inputs_without_run_state_is_unimplemented()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await _server.DataProxy.UploadInputsAsync(new UploadInputsRequest()));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }
}
