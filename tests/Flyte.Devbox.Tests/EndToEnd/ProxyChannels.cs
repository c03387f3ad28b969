using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Flyteidl2.Actions;
using Flyteidl2.Common;
using Flyteidl2.Project;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;
using Task = System.Threading.Tasks.Task;

namespace Flyte.Devbox.Tests.EndToEnd;

/// <summary>The clients the proxy tests call through: gRPC-Web over HTTP/1.1, gRPC, and the three ways to trust a TLS server.</summary>
internal static class ProxyChannels
{
    /// <summary>What a browser or an HTTP/1.1-only path needs: gRPC-Web, HTTP/1.1 exactly.</summary>
    public static GrpcChannel GrpcWeb(Uri endpoint, GrpcWebMode mode = GrpcWebMode.GrpcWeb, HttpMessageHandler? inner = null) =>
        GrpcChannel.ForAddress(endpoint, new GrpcChannelOptions
        {
            HttpHandler = new GrpcWebHandler(mode, inner ?? new SocketsHttpHandler()),
            HttpVersion = HttpVersion.Version11,
            HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });

    public static GrpcChannel Grpc(Uri endpoint, SocketsHttpHandler? handler = null) =>
        GrpcChannel.ForAddress(endpoint, new GrpcChannelOptions { HttpHandler = handler ?? new SocketsHttpHandler() });

    /// <summary>Trusts exactly the test CA: the chain must end at it, with the system's roots out of the picture.</summary>
    public static SocketsHttpHandler TrustingOnly(X509Certificate2 authority) => new()
    {
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
                {
                    return false;
                }
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(authority);
                // A throwaway CA publishes no revocation lists.
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
            },
        },
    };

    /// <summary>What `insecure-skip-verify` does: any certificate is accepted.</summary>
    public static SocketsHttpHandler SkippingVerification() => new()
    {
        SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true },
    };

    /// <summary>A unary call every devbox answers.</summary>
    public static async Task<string> ListProjectsAsync(GrpcChannel channel, CancellationToken cancellationToken = default)
    {
        var projects = await new ProjectService.ProjectServiceClient(channel).ListProjectsAsync(new ListProjectsRequest(), cancellationToken: cancellationToken);
        return string.Join(",", projects.Projects.Projects_.Select(p => p.Id));
    }

    /// <summary>
    /// A server stream that stays open: WatchForUpdates of a parent with no children answers the sentinel at once and then
    /// waits for changes that never come. Returned after the sentinel has arrived.
    /// </summary>
    public static async Task<AsyncServerStreamingCall<WatchForUpdatesResponse>> OpenIdleWatchAsync(GrpcChannel channel, CancellationToken cancellationToken)
    {
        var parent = new ActionIdentifier
        {
            Run = new RunIdentifier { Project = DevboxHarness.Project, Domain = DevboxHarness.Domain, Name = "no-such-run" },
            Name = "a0",
        };
        var watch = new ActionsService.ActionsServiceClient(channel).WatchForUpdates(new WatchForUpdatesRequest { ParentActionId = parent }, cancellationToken: cancellationToken);
        Assert.True(await watch.ResponseStream.MoveNext(cancellationToken), "the watch ended before its sentinel");
        Assert.True(watch.ResponseStream.Current.ControlMessage.Sentinel);
        return watch;
    }

    /// <summary>Everything a failed call tells: status, detail and the exception under it, for a test's output.</summary>
    public static string Describe(RpcException error) =>
        $"{error.StatusCode} | {error.Status.Detail} | {error.Status.DebugException?.GetType()}: {error.Status.DebugException?.Message}"
        + $" | inner {error.Status.DebugException?.InnerException?.GetType()}: {error.Status.DebugException?.InnerException?.Message}";

    /// <summary>A call while nothing listens on the port: the channel's connection attempt is refused.</summary>
    public static void AssertRefused(RpcException error)
    {
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal("Error connecting to subchannel.", error.Status.Detail);
        Assert.Equal(SocketError.ConnectionRefused, Assert.IsType<SocketException>(error.Status.DebugException).SocketErrorCode);
    }

    /// <summary>
    /// After a restart, a new channel calls at once. The channel that saw the refusal waits out its reconnect backoff first
    /// (a call without wait-for-ready may fail UNAVAILABLE in the meantime), so it is asked to wait for ready.
    /// </summary>
    public static async Task AssertServesAgainAsync(GrpcChannel refusedChannel, GrpcChannel fresh, CancellationToken cancellationToken)
    {
        using (fresh)
        {
            Assert.Equal("flytesnacks", await ListProjectsAsync(fresh, cancellationToken));
        }
        var projects = await new ProjectService.ProjectServiceClient(refusedChannel).ListProjectsAsync(
            new ListProjectsRequest(), new CallOptions(cancellationToken: cancellationToken).WithWaitForReady());
        Assert.Equal("flytesnacks", Assert.Single(projects.Projects.Projects_).Id);
    }
}
