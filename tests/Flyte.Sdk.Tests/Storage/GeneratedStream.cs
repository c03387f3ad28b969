namespace Flyte.Sdk.Tests.Storage;

/// <summary>
/// A read-only, non-seekable stream of <c>length</c> pseudo-random bytes computed from their position,
/// so large objects can be written and checked without holding them in memory; it can fail after <c>failAfter</c> bytes.
/// </summary>
internal sealed class GeneratedStream(long length, int seed = 0, long failAfter = long.MaxValue) : Stream
{
    private long position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public static byte ByteAt(long index, int seed)
    {
        // A multiplicative hash: no period a part size could line up with, so reordered or repeated parts show.
        var x = (ulong)(index + seed) * 0x9E3779B97F4A7C15UL;
        return (byte)(x >> 56 ^ x >> 29);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (position >= failAfter)
        {
            throw new IOException("Generated failure.");
        }
        // Short reads on purpose, as network streams do.
        var count = (int)Math.Min(Math.Min(buffer.Length, 100_000), Math.Min(length, failAfter) - position);
        for (var i = 0; i < count; i++)
        {
            buffer[i] = ByteAt(position + i, seed);
        }
        position += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
