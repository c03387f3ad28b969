using System.Net.Http;
using System.Security.Authentication;
using Grpc.Core;

namespace Flyte.Remote.Connection;

/// <summary>
/// Failures that are the connection's settings, not the control plane's answer, told as what to change
/// (the shapes are recorded in docs/test-services.md).
/// </summary>
internal static class ConnectionFailures
{
    /// <summary>One line saying what to change, or null when <paramref name="e"/> is not such a failure.</summary>
    public static string? Explain(RpcException e, RemoteOptions options)
    {
        for (Exception? cause = e.Status.DebugException; cause is not null; cause = cause.InnerException)
        {
            switch (cause)
            {
                case AuthenticationException tls:
                    return $"the TLS certificate of {options.Endpoint} is not trusted ({tls.Message.TrimEnd('.')}): "
                        + "set admin.caCertFilePath to the PEM file of the CA that signed it, or admin.insecureSkipVerify: true for a test cluster";
                case HttpProtocolException when options.Transport == RemoteTransport.Grpc:
                    return NoHttp2(options);
                // A server that closes the connection on the HTTP/2 preface before the client reads its HTTP/1.1 answer:
                // the same failure, told as "did not complete the HTTP/2 handshake" over an IOException instead.
                case HttpRequestException { HttpRequestError: HttpRequestError.HttpProtocolError } when options.Transport == RemoteTransport.Grpc:
                    return NoHttp2(options);
            }
        }
        // Over TLS a proxy without HTTP/2 answers in HTTP/1.1, which the gRPC client reports as a downgrade.
        return options.Transport == RemoteTransport.Grpc && e.Status.Detail.Contains("downgraded to HTTP/1.1", StringComparison.Ordinal)
            ? NoHttp2(options)
            : null;
    }

    private static string NoHttp2(RemoteOptions options) =>
        $"{options.Endpoint} does not speak gRPC over HTTP/2 (a proxy, ingress or load balancer that passes HTTP/1.1 only?): "
        + "set admin.transport: grpc-web in your config to use gRPC-Web over HTTP/1.1";
}
