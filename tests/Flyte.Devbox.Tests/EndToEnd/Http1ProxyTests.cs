using Flyte.Generation;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Dataproxy;
using Flyteidl2.Workflow;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client.Web;
using Xunit.Abstractions;
using Task = System.Threading.Tasks.Task;

namespace Flyte.Devbox.Tests.EndToEnd;

/// <summary>
/// The devbox behind an nginx that speaks HTTP/1.1 only, as many ingresses and load balancers: gRPC-Web passes, streams
/// included, and gRPC does not. The failure shapes asserted here are the ones docs/test-services.md lists for the SDK.
/// </summary>
public sealed class Http1ProxyTests(ITestOutputHelper output) : IAsyncLifetime
{
    private DevboxHarness _harness = null!;
    private NginxProxy _proxy = null!;

    public async Task InitializeAsync()
    {
        _harness = await DevboxHarness.StartAsync();
        _proxy = await NginxProxy.StartHttp1Async(new Uri(_harness.Devbox.Endpoint));
    }

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        await _harness.DisposeAsync();
    }

    [Theory]
    [InlineData(GrpcWebMode.GrpcWeb)]
    [InlineData(GrpcWebMode.GrpcWebText)]
    public async Task Grpc_web_passes_unary_calls(GrpcWebMode mode)
    {
        using var channel = ProxyChannels.GrpcWeb(_proxy.Endpoint, mode);

        Assert.Equal("flytesnacks", await ProxyChannels.ListProjectsAsync(channel));
    }

    [Fact]
    public async Task Grpc_web_server_streams_deliver_each_message_while_the_stream_is_open()
    {
        var tasks = await _harness.DeployAsync(SampleOutputs.DevboxTestTasks, "Flyte.Devbox.Tests.Tasks", "slow.Sleep");
        var inputs = new LiteralMap { Literals = { ["seconds"] = ScalarLiterals.FromInt64(2) } };
        var run = await _harness.StartRunAsync(tasks["slow.Sleep"], inputs);
        using var channel = ProxyChannels.GrpcWeb(_proxy.Endpoint);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        using var watch = new RunService.RunServiceClient(channel).WatchRunDetails(new WatchRunDetailsRequest { RunId = run }, cancellationToken: timeout.Token);
        var phases = new List<ActionPhase>();
        while (await watch.ResponseStream.MoveNext(timeout.Token))
        {
            var phase = watch.ResponseStream.Current.Details.Action.Status.Phase;
            if (phases.Count == 0)
            {
                // Still running on the devbox, so this message came through before the response was complete.
                var now = (await _harness.Runs.GetRunDetailsAsync(new GetRunDetailsRequest { RunId = run })).Details.Action.Status.Phase;
                Assert.NotEqual(ActionPhase.Succeeded, now);
            }
            phases.Add(phase);
        }

        output.WriteLine(string.Join(" -> ", phases));
        Assert.True(phases.Count >= 2, string.Join(" -> ", phases));
        Assert.NotEqual(ActionPhase.Succeeded, phases[0]);
        Assert.Equal(ActionPhase.Succeeded, phases[^1]);
    }

    [Fact]
    public async Task Large_uploads_pass_to_a_signed_url_through_it()
    {
        byte[] content = RandomNumberGenerator.GetBytes(32 << 20);
        byte[] md5 = MD5.HashData(content);
        using var channel = ProxyChannels.GrpcWeb(_proxy.Endpoint);
        var location = await new DataProxyService.DataProxyServiceClient(channel).CreateUploadLocationAsync(new CreateUploadLocationRequest
        {
            Project = DevboxHarness.Project,
            Domain = DevboxHarness.Domain,
            Filename = "large.bin",
            ContentMd5 = ByteString.CopyFrom(md5),
        });
        // The devbox signs URLs for its own address; the same path and query through the proxy is what an ingress would forward.
        var throughProxy = new UriBuilder(location.SignedUrl) { Host = _proxy.Endpoint.Host, Port = _proxy.Port }.Uri;

        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Put, throughProxy) { Content = new ByteArrayContent(content) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Content.Headers.ContentMD5 = md5;
        using var response = await http.SendAsync(request);

        Assert.True(response.IsSuccessStatusCode, $"PUT {throughProxy}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}\n{_proxy.ErrorLog()}");
        Assert.Equal(md5, MD5.HashData(await File.ReadAllBytesAsync(new Uri(location.NativeUrl).LocalPath)));
    }

    [Fact]
    public async Task Grpc_over_http_2_fails_against_it_with_a_protocol_error()
    {
        using var channel = ProxyChannels.Grpc(_proxy.Endpoint);

        var error = await Assert.ThrowsAsync<RpcException>(() => ProxyChannels.ListProjectsAsync(channel));

        // nginx answers the HTTP/2 connection preface with an HTTP/1.1 error response, which is no HTTP/2 frame.
        output.WriteLine(ProxyChannels.Describe(error));
        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.StartsWith("Error starting gRPC call. HttpRequestException: The HTTP/2 server sent invalid data on the connection. HTTP/2 error code 'PROTOCOL_ERROR' (0x1).", error.Status.Detail);
        var request = Assert.IsType<HttpRequestException>(error.Status.DebugException);
        Assert.Equal(HttpRequestError.HttpProtocolError, request.HttpRequestError);
        Assert.Equal(0x1, Assert.IsType<HttpProtocolException>(request.InnerException).ErrorCode);
    }

    [Fact]
    public async Task Stopping_it_ends_an_open_grpc_web_stream_and_a_restart_serves_the_same_address()
    {
        using var channel = ProxyChannels.GrpcWeb(_proxy.Endpoint);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        using var watch = await ProxyChannels.OpenIdleWatchAsync(channel, timeout.Token);

        await _proxy.StopAsync();
        var ended = await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext(timeout.Token));
        var refused = await Assert.ThrowsAsync<RpcException>(() => ProxyChannels.ListProjectsAsync(channel, timeout.Token));
        await _proxy.RestartAsync();

        output.WriteLine($"stream: {ProxyChannels.Describe(ended)}");
        output.WriteLine($"while stopped: {ProxyChannels.Describe(refused)}");
        Assert.Equal(StatusCode.Unavailable, ended.StatusCode);
        Assert.Equal("Error reading next message. HttpIOException: The response ended prematurely. (ResponseEnded)", ended.Status.Detail);
        Assert.Equal(HttpRequestError.ResponseEnded, Assert.IsType<HttpIOException>(ended.Status.DebugException).HttpRequestError);
        ProxyChannels.AssertRefused(refused);
        await ProxyChannels.AssertServesAgainAsync(channel, ProxyChannels.GrpcWeb(_proxy.Endpoint), timeout.Token);
    }
}
