using System.IO.Compression;
using Flyte.Devbox.Services;
using Grpc.Core;

namespace Flyte.Devbox.Connect;

/// <summary>
/// Compressed requests: gzip or identity, named by Content-Encoding (unary) or Connect-Content-Encoding (streaming).
/// Another encoding fails unimplemented listing gzip, as the protocol asks. Responses are never compressed: identity is
/// an encoding every client accepts.
/// </summary>
internal static class ConnectCompression
{
    public const string Gzip = "gzip";
    public const string Identity = "identity";

    /// <summary>Whether the request names gzip; false for identity or no encoding.</summary>
    /// <exception cref="RpcException">unimplemented: any other encoding.</exception>
    public static bool IsGzip(string? encoding)
    {
        if (string.IsNullOrEmpty(encoding) || encoding.Equals(Identity, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        if (encoding.Equals(Gzip, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        throw new RpcException(new Status(StatusCode.Unimplemented,
            $"unknown compression {Shown.Value(encoding)}: the devbox accepts {Gzip} and {Identity}"));
    }

    /// <summary>The gzip data decompressed; an empty body stays empty (the protocol forbids decompressing it).</summary>
    /// <exception cref="RpcException">invalid_argument for data that is not gzip; resource_exhausted past <paramref name="maximumSize"/> bytes.</exception>
    public static byte[] Decompress(byte[] data, int maximumSize)
    {
        if (data.Length == 0)
        {
            return data;
        }
        using var gzip = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = gzip.Read(buffer)) > 0)
            {
                if (output.Length + read > maximumSize)
                {
                    throw ConnectRequestBody.TooLarge(maximumSize);
                }
                output.Write(buffer, 0, read);
            }
        }
        catch (InvalidDataException e)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"the request message is not valid gzip: {e.Message}"));
        }
        return output.ToArray();
    }
}
