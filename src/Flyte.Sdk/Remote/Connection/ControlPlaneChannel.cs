using System.Net;
using System.Net.Http;
using Flyte.Remote.Auth;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;

namespace Flyte.Remote.Connection;

/// <summary>
/// The one way this SDK talks to a control plane (FlyteRemote, the CLI, a0's controller): TLS as configured, gRPC or
/// gRPC-Web, HTTP/2 keep-alive pings, no 4 MB receive limit, and a token on every call when one is needed
/// (docs/auth.md, docs/transports.md).
/// </summary>
internal sealed class ControlPlaneChannel : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly HttpClient _tokenHttp;

    private ControlPlaneChannel(GrpcChannel channel, CallInvoker invoker, TokenProvider tokens, HttpClient tokenHttp)
    {
        _channel = channel;
        Invoker = invoker;
        Tokens = tokens;
        _tokenHttp = tokenHttp;
    }

    /// <summary>Calls through here carry the token (and are made once more with a fresh one when refused).</summary>
    public CallInvoker Invoker { get; }

    public TokenProvider Tokens { get; }

    /// <exception cref="FlyteRemoteException">The endpoint, CA file or auth settings are unusable; the message says how to fix them.</exception>
    /// <param name="throwOnCancellation">
    /// A cancelled call surfaces as OperationCanceledException (what a CLI's Ctrl+C wants) instead of RpcException
    /// Cancelled (what a0's retries tell apart from a cut call by their own token).
    /// </param>
    public static ControlPlaneChannel Open(RemoteOptions options, bool throwOnCancellation = true, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Settings that cannot work fail here, before anything is opened.
        var auth = options.Authentication;
        var flow = FlowFor(auth);
        var certificates = ServerCertificateCheck.From(options.InsecureSkipVerify, options.CaCertFilePath);
        var sockets = new SocketsHttpHandler
        {
            // Pings keep an idle HTTP/2 connection (a watch with nothing to say) from being cut by a load balancer, and find a dead one.
            KeepAlivePingDelay = TimeSpan.FromSeconds(30),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(20),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = TimeSpan.FromSeconds(30),
        };
        certificates.ApplyTo(sockets.SslOptions);
        bool grpcWeb = options.Transport == RemoteTransport.GrpcWeb;
        HttpMessageHandler handler = grpcWeb ? new GrpcWebHandler(GrpcWebMode.GrpcWeb, sockets) : sockets;
        var channel = GrpcChannel.ForAddress(options.Endpoint, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            // gRPC-Web goes over HTTP/1.1 only, so that no proxy is asked for HTTP/2 it cannot pass.
            HttpVersion = grpcWeb ? HttpVersion.Version11 : null,
            HttpVersionPolicy = grpcWeb ? HttpVersionPolicy.RequestVersionExact : null,
            // Inputs and outputs of any size come back whole (gRPC's default stops at 4 MB).
            MaxReceiveMessageSize = null,
            ThrowOperationCanceledOnCancellation = throwOnCancellation,
        });

        var tokenHttp = TokenHttpClient(certificates, auth.HttpProxyUrl);
        var anonymous = channel.CreateCallInvoker();
        var tokens = new TokenProvider(
            flow,
            auth.ClientId,
            cancellationToken => AuthMetadataDiscovery.DiscoverAsync(anonymous, auth, options.Endpoint, cancellationToken),
            new TokenEndpointClient(tokenHttp, time ?? TimeProvider.System),
            auth.TokenCacheDirectory is { } folder ? new TokenCacheFile(folder, options.Endpoint) : null,
            eager: auth.Type is not null);
        return new ControlPlaneChannel(channel, anonymous.Intercept(new AuthInterceptor(tokens)), tokens, tokenHttp);
    }

    private static IAuthFlow FlowFor(RemoteAuthentication auth) => (auth.Type ?? AuthType.Pkce) switch
    {
        AuthType.Pkce => new PkceFlow(auth.Prompt),
        AuthType.DeviceFlow => new DeviceCodeFlow(auth.Prompt),
        AuthType.ExternalCommand => new ExternalCommandFlow(auth.Command),
        AuthType.ClientSecret when string.IsNullOrEmpty(auth.ClientId) =>
            throw new FlyteRemoteException("the ClientSecret auth type needs a client id: set admin.clientId"),
        AuthType.ClientSecret when string.IsNullOrEmpty(auth.ClientSecret) =>
            throw new FlyteRemoteException("the ClientSecret auth type needs the client's secret: set admin.clientSecretEnvVar or admin.clientSecretLocation"),
        AuthType.ClientSecret => new ClientSecretFlow(auth.ClientId!, auth.ClientSecret!),
        var other => throw new FlyteRemoteException(
            $"the {other} auth type is not supported by the .NET SDK (flyte-sdk's Passthrough takes headers from Python callers): use Pkce, DeviceFlow, ClientSecret or ExternalCommand"),
    };

    /// <summary>Token requests go to the identity provider, which may sit behind the same private CA.</summary>
    private static HttpClient TokenHttpClient(ServerCertificateCheck certificates, string? proxy)
    {
        var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(30) };
        certificates.ApplyTo(handler.SslOptions);
        if (proxy is { Length: > 0 })
        {
            handler.Proxy = new WebProxy(proxy);
            handler.UseProxy = true;
        }
        return new HttpClient(handler) { Timeout = TimeSpan.FromMinutes(1) };
    }

    public void Dispose()
    {
        _channel.Dispose();
        _tokenHttp.Dispose();
    }
}
