using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Flyte.Devbox.Connect;

/// <summary>
/// The request message of a Connect call, as bytes of its codec: the whole body of a unary call, the one envelope of a
/// server-streaming call. Both decompressed when the request says gzip, and limited to the gRPC services' maximum
/// receive size (Grpc.AspNetCore's 4 MB by default).
/// </summary>
internal static class ConnectRequestBody
{
    public static RpcException TooLarge(int maximumSize) =>
        new(new Status(StatusCode.ResourceExhausted, $"the request message is larger than the devbox's maximum of {maximumSize} bytes"));

    public static async Task<byte[]> ReadUnaryAsync(HttpRequest request, bool gzip, int maximumSize, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maximumSize)
        {
            throw TooLarge(maximumSize);
        }
        using var body = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (body.Length + read > maximumSize)
            {
                throw TooLarge(maximumSize);
            }
            body.Write(buffer, 0, read);
        }
        return gzip ? ConnectCompression.Decompress(body.ToArray(), maximumSize) : body.ToArray();
    }

    /// <summary>
    /// The one message of a server-streaming call's request. No message, or more than one, is unimplemented, as
    /// connect-go answers (gRPC's code for a "cardinality violation").
    /// </summary>
    public static async Task<byte[]> ReadSingleEnvelopeAsync(HttpRequest request, bool gzip, int maximumSize, CancellationToken cancellationToken)
    {
        var envelope = await ConnectEnvelope.ReadAsync(request.Body, maximumSize, cancellationToken).ConfigureAwait(false)
            ?? throw new RpcException(new Status(StatusCode.Unimplemented, "the request stream of a server-streaming call has no message; it needs exactly one"));
        if ((envelope.Flags & ~ConnectEnvelope.CompressedFlag) != 0)
        {
            throw new RpcException(new Status(StatusCode.Internal, $"protocol error: invalid envelope flags {envelope.Flags} in a request"));
        }
        bool compressed = (envelope.Flags & ConnectEnvelope.CompressedFlag) != 0;
        if (compressed && !gzip)
        {
            throw new RpcException(new Status(StatusCode.Internal, "protocol error: sent compressed message without compression support (no Connect-Content-Encoding)"));
        }
        if (await ConnectEnvelope.ReadAsync(request.Body, maximumSize, cancellationToken).ConfigureAwait(false) is not null)
        {
            throw new RpcException(new Status(StatusCode.Unimplemented, "the request stream of a server-streaming call has more than one message; it needs exactly one"));
        }
        return compressed ? ConnectCompression.Decompress(envelope.Message, maximumSize) : envelope.Message;
    }
}
