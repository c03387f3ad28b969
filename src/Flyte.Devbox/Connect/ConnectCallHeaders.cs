using Flyte.Devbox.Services;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Flyte.Devbox.Connect;

/// <summary>
/// What a Connect request's headers ask of the call besides its content type: whether its message is gzip, and its
/// timeout. <c>Connect-Protocol-Version</c> is optional, as connect-go has it by default, but when sent it must be 1.
/// </summary>
internal sealed record ConnectCallHeaders(bool Gzip, TimeSpan? Timeout)
{
    public const string ProtocolVersion = "Connect-Protocol-Version";
    public const string StreamingContentEncoding = "Connect-Content-Encoding";
    public const string StreamingAcceptEncoding = "Connect-Accept-Encoding";

    /// <exception cref="RpcException">
    /// unimplemented for a compression other than gzip; invalid_argument for another protocol version or a malformed timeout.
    /// </exception>
    public static ConnectCallHeaders Read(HttpRequest request, bool streaming)
    {
        bool gzip = ConnectCompression.IsGzip(request.Headers[streaming ? StreamingContentEncoding : "Content-Encoding"].ToString());
        string version = request.Headers[ProtocolVersion].ToString();
        if (version.Length > 0 && version != "1")
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"{ProtocolVersion} must be \"1\": got {Shown.Value(version)}"));
        }
        return new ConnectCallHeaders(gzip, ConnectTimeout.Parse(request.Headers[ConnectTimeout.Header].ToString()));
    }
}
