using System.Buffers.Binary;
using Grpc.Core;

namespace Flyte.Devbox.Connect;

/// <summary>One enveloped message of a Connect stream: its flags (1 byte), its length (4 bytes, big-endian), its bytes.</summary>
internal readonly record struct ConnectEnvelope(byte Flags, byte[] Message)
{
    /// <summary>The message is compressed with the stream's Connect-Content-Encoding.</summary>
    public const byte CompressedFlag = 0x01;

    /// <summary>The last envelope of a response stream: JSON with the call's error, if any, and trailers.</summary>
    public const byte EndStreamFlag = 0x02;

    public const int PrefixLength = 5;

    /// <summary>The envelope's bytes, prefix and message in one buffer (one write, one flush).</summary>
    public static byte[] Frame(byte flags, ReadOnlySpan<byte> message)
    {
        var frame = new byte[PrefixLength + message.Length];
        frame[0] = flags;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1, 4), (uint)message.Length);
        message.CopyTo(frame.AsSpan(PrefixLength));
        return frame;
    }

    /// <summary>The next envelope of <paramref name="source"/>; null where the stream ends cleanly, between envelopes.</summary>
    /// <exception cref="RpcException">
    /// invalid_argument for a stream that ends inside an envelope (connect-go's messages); resource_exhausted for a
    /// message longer than <paramref name="maximumSize"/> bytes.
    /// </exception>
    public static async Task<ConnectEnvelope?> ReadAsync(Stream source, int maximumSize, CancellationToken cancellationToken)
    {
        var prefix = new byte[PrefixLength];
        int read = await source.ReadAtLeastAsync(prefix, PrefixLength, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            return null;
        }
        if (read < PrefixLength)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument,
                $"protocol error: incomplete envelope: the stream ended {read} bytes into a {PrefixLength}-byte envelope prefix"));
        }
        uint length = BinaryPrimitives.ReadUInt32BigEndian(prefix.AsSpan(1));
        if (length > maximumSize)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, $"message size {length} is larger than the devbox's maximum of {maximumSize} bytes"));
        }
        var message = new byte[length];
        read = await source.ReadAtLeastAsync(message, message.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read < message.Length)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"protocol error: promised {length} bytes in enveloped message, got {read} bytes"));
        }
        return new ConnectEnvelope(prefix[0], message);
    }
}
