using System.Security.Cryptography;

namespace Flyte.Bundles;

/// <summary>
/// What the gzip stream writes on its way to the destination: the header's mtime (bytes 4-7) forced to 0 and its OS
/// byte (9) to 255 "unknown", so the bundle does not depend on the zlib build or the OS, and an MD5 of the bytes passed on.
/// </summary>
internal sealed class BundleOutputStream(Stream destination) : Stream
{
    private const int HeaderLength = 10;

    private readonly IncrementalHash _md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
    private long _written;

    public string Md5Hex() => Convert.ToHexString(_md5.GetHashAndReset()).ToLowerInvariant();

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_written < HeaderLength)
        {
            buffer = Normalize(buffer);
        }
        _written += buffer.Length;
        _md5.AppendData(buffer);
        destination.Write(buffer);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_written < HeaderLength)
        {
            buffer = Normalize(buffer.Span);
        }
        _written += buffer.Length;
        _md5.AppendData(buffer.Span);
        await destination.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => destination.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => destination.FlushAsync(cancellationToken);

    private byte[] Normalize(ReadOnlySpan<byte> buffer)
    {
        var bytes = buffer.ToArray();
        for (var i = 0; i < bytes.Length && _written + i < HeaderLength; i++)
        {
            switch (_written + i)
            {
                case 4 or 5 or 6 or 7:
                    bytes[i] = 0;
                    break;
                case 9:
                    bytes[i] = 255;
                    break;
            }
        }
        return bytes;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _md5.Dispose();
        }
        base.Dispose(disposing);
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _written; set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
