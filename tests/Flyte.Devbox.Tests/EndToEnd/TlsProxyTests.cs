using System.Security.Authentication;
using Grpc.Core;
using Xunit.Abstractions;
using Task = System.Threading.Tasks.Task;

namespace Flyte.Devbox.Tests.EndToEnd;

/// <summary>
/// The devbox behind nginx terminating TLS with a certificate from a throwaway CA, HTTP/2 and grpc_pass in front: what a
/// cluster's ingress looks like. Only a client that trusts the CA (or skips verification) gets through.
/// </summary>
public sealed class TlsProxyTests(ITestOutputHelper output) : IAsyncLifetime
{
    private DevboxHarness _harness = null!;
    private TestCertificateAuthority _ca = null!;
    private NginxProxy _proxy = null!;

    public async Task InitializeAsync()
    {
        _harness = await DevboxHarness.StartAsync();
        _ca = TestCertificateAuthority.Create();
        _proxy = await NginxProxy.StartTlsGrpcAsync(new Uri(_harness.Devbox.Endpoint), _ca);
    }

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        _ca.Dispose();
        await _harness.DisposeAsync();
    }

    [Fact]
    public async Task A_client_that_trusts_the_test_CA_calls_and_streams_over_grpc()
    {
        using var channel = ProxyChannels.Grpc(_proxy.Endpoint, ProxyChannels.TrustingOnly(_ca.Certificate));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));

        Assert.Equal("flytesnacks", await ProxyChannels.ListProjectsAsync(channel, timeout.Token));
        using var watch = await ProxyChannels.OpenIdleWatchAsync(channel, timeout.Token);
    }

    [Fact]
    public async Task A_client_that_trusts_the_test_CA_calls_over_grpc_web_and_http_1_1_too()
    {
        using var channel = ProxyChannels.GrpcWeb(_proxy.Endpoint, inner: ProxyChannels.TrustingOnly(_ca.Certificate));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));

        Assert.Equal("flytesnacks", await ProxyChannels.ListProjectsAsync(channel, timeout.Token));
        using var watch = await ProxyChannels.OpenIdleWatchAsync(channel, timeout.Token);
    }

    [Fact]
    public async Task A_client_that_skips_verification_calls()
    {
        using var channel = ProxyChannels.Grpc(_proxy.Endpoint, ProxyChannels.SkippingVerification());

        Assert.Equal("flytesnacks", await ProxyChannels.ListProjectsAsync(channel));
    }

    [Fact]
    public async Task A_client_with_the_default_trust_fails_on_the_incomplete_chain()
    {
        using var channel = ProxyChannels.Grpc(_proxy.Endpoint);

        var error = await Assert.ThrowsAsync<RpcException>(() => ProxyChannels.ListProjectsAsync(channel));

        // nginx sends the server certificate alone, and its issuer is in no store the client reads: a partial chain.
        output.WriteLine(ProxyChannels.Describe(error));
        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Equal("Error starting gRPC call. HttpRequestException: The SSL connection could not be established, see inner exception. "
            + "AuthenticationException: The remote certificate is invalid because of errors in the certificate chain: PartialChain", error.Status.Detail);
        var request = Assert.IsType<HttpRequestException>(error.Status.DebugException);
        Assert.Equal(HttpRequestError.SecureConnectionError, request.HttpRequestError);
        Assert.IsType<AuthenticationException>(request.InnerException);
    }

    [Fact]
    public async Task A_client_that_trusts_another_CA_fails_in_its_own_callback()
    {
        using var other = TestCertificateAuthority.Create();
        using var channel = ProxyChannels.Grpc(_proxy.Endpoint, ProxyChannels.TrustingOnly(other.Certificate));

        var error = await Assert.ThrowsAsync<RpcException>(() => ProxyChannels.ListProjectsAsync(channel));

        output.WriteLine(ProxyChannels.Describe(error));
        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.EndsWith("AuthenticationException: The remote certificate was rejected by the provided RemoteCertificateValidationCallback.", error.Status.Detail);
        var request = Assert.IsType<HttpRequestException>(error.Status.DebugException);
        Assert.Equal(HttpRequestError.SecureConnectionError, request.HttpRequestError);
        Assert.IsType<AuthenticationException>(request.InnerException);
    }

    [Fact]
    public async Task Stopping_it_ends_an_open_grpc_stream_and_a_restart_serves_the_same_address()
    {
        using var channel = ProxyChannels.Grpc(_proxy.Endpoint, ProxyChannels.TrustingOnly(_ca.Certificate));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        using var watch = await ProxyChannels.OpenIdleWatchAsync(channel, timeout.Token);

        await _proxy.StopAsync();
        var ended = await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext(timeout.Token));
        var refused = await Assert.ThrowsAsync<RpcException>(() => ProxyChannels.ListProjectsAsync(channel, timeout.Token));
        await _proxy.RestartAsync();

        output.WriteLine($"stream: {ProxyChannels.Describe(ended)}");
        output.WriteLine($"while stopped: {ProxyChannels.Describe(refused)}");
        Assert.Equal(StatusCode.Unavailable, ended.StatusCode);
        Assert.Equal("Error reading next message. HttpIOException: The response ended prematurely while waiting for the next frame from the server. (ResponseEnded)", ended.Status.Detail);
        Assert.Equal(HttpRequestError.ResponseEnded, Assert.IsType<HttpIOException>(ended.Status.DebugException).HttpRequestError);
        ProxyChannels.AssertRefused(refused);
        await ProxyChannels.AssertServesAgainAsync(channel, ProxyChannels.Grpc(_proxy.Endpoint, ProxyChannels.TrustingOnly(_ca.Certificate)), timeout.Token);
    }
}
