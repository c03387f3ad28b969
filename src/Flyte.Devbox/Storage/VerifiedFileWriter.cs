using System.Security.Cryptography;

namespace Flyte.Devbox.Storage;

/// <summary>
/// Writes an upload to its file only if its bytes have the expected MD5: the body goes to a hidden file beside the target
/// while it is hashed, then is moved over the target in one step. A reader never sees a partial object, and a body
/// that fails the check (or a client that goes away) leaves nothing behind.
/// </summary>
internal static class VerifiedFileWriter
{
    // The suffix LocalObjectStore gives its own partial writes, so that its listings skip ours too.
    private const string PartialSuffix = ".flyte-partial";

    /// <returns>The MD5 of the body, and whether the file was written (it is when that MD5 equals <paramref name="expectedMd5"/>).</returns>
    public static async Task<(bool Stored, byte[] BodyMd5)> WriteAsync(
        Stream body, string targetPath, byte[] expectedMd5, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(targetPath) ?? throw new ArgumentException($"Not a file path: {targetPath}", nameof(targetPath));
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(targetPath)}.{Path.GetRandomFileName()}{PartialSuffix}");
        try
        {
            byte[] bodyMd5;
            var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            await using (file.ConfigureAwait(false))
            {
                bodyMd5 = await CopyHashingAsync(body, file, cancellationToken).ConfigureAwait(false);
            }
            if (!CryptographicOperations.FixedTimeEquals(bodyMd5, expectedMd5))
            {
                return (false, bodyMd5);
            }
            File.Move(temporary, targetPath, overwrite: true);
            return (true, bodyMd5);
        }
        finally
        {
            // Gone already when the move happened.
            File.Delete(temporary);
        }
    }

    private static async Task<byte[]> CopyHashingAsync(Stream source, Stream destination, CancellationToken cancellationToken)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        var buffer = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            md5.AppendData(buffer, 0, read);
            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }
        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
        return md5.GetHashAndReset();
    }
}
