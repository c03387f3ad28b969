using System.Net;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Flyte.Devbox.Connect;

/// <summary>
/// The <see cref="ServerCallContext"/> a service sees on a Connect call: the method's full name, the deadline and
/// cancellation of <see cref="ConnectCallLifetime"/>, the request headers as metadata, the peer as Grpc.AspNetCore
/// formats it, and the HttpContext, which <c>context.GetHttpContext()</c> finds in UserState under the key
/// Grpc.AspNetCore looks for when the context is not its own. Response headers go to the HTTP response; trailers and
/// status are collected for the handler to send.
/// </summary>
internal sealed class ConnectServerCallContext(HttpContext http, string method, ConnectCallLifetime lifetime) : ServerCallContext
{
    // Grpc.AspNetCore's ServerCallContextExtensions.GetHttpContext falls back to this UserState entry.
    private const string HttpContextKey = "__HttpContext";

    private readonly Metadata _trailers = [];
    private Metadata? _requestHeaders;
    private Dictionary<object, object>? _userState;
    private bool _headersWritten;

    public HttpContext HttpContext => http;

    protected override string MethodCore => method;

    protected override string HostCore => http.Request.Host.Value ?? "";

    protected override string PeerCore => PeerName(http.Connection.RemoteIpAddress, http.Connection.RemotePort);

    protected override DateTime DeadlineCore => lifetime.Deadline;

    protected override Metadata RequestHeadersCore => _requestHeaders ??= ConnectMetadata.FromRequest(http.Request.Headers);

    protected override CancellationToken CancellationTokenCore => lifetime.Token;

    protected override Metadata ResponseTrailersCore => _trailers;

    protected override Status StatusCore { get; set; }

    protected override WriteOptions? WriteOptionsCore { get; set; }

    protected override AuthContext AuthContextCore => new(null, new Dictionary<string, List<AuthProperty>>());

    protected override IDictionary<object, object> UserStateCore => _userState ??= new Dictionary<object, object> { [HttpContextKey] = http };

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) =>
        throw new NotSupportedException("A Connect call of the devbox cannot propagate its deadline and cancellation to a gRPC client call.");

    /// <summary>Adds the headers to the HTTP response, which has not started: the handler sends them with the first message or the end.</summary>
    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders)
    {
        if (_headersWritten || http.Response.HasStarted)
        {
            throw new InvalidOperationException("Response headers can only be sent once per call.");
        }
        _headersWritten = true;
        ConnectMetadata.AddTo(http.Response.Headers, responseHeaders);
        return Task.CompletedTask;
    }

    /// <summary>As Grpc.AspNetCore names a peer: <c>ipv4:127.0.0.1:5000</c>, <c>ipv6:[::1]:5000</c>.</summary>
    private static string PeerName(IPAddress? address, int port) => address switch
    {
        null => "unknown",
        { AddressFamily: System.Net.Sockets.AddressFamily.InterNetworkV6 } => $"ipv6:[{address}]:{port}",
        _ => $"ipv4:{address}:{port}",
    };
}
