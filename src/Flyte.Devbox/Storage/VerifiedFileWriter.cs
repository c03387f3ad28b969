using System.Security.Cryptography;

namespace Flyte.Devbox.Storage;

/// <summary>
/// Writes an upload to its file only if its bytes have the expected MD5 and no other content is there: the body goes to
/// a hidden file beside the target while it is hashed, then is linked into place in one step that fails if the target
/// exists. A reader never sees a partial object; a stored object is never replaced (the same bytes again are accepted,
/// other bytes are a conflict), whichever URL they came with; a body that fails a check, or a client that goes away,
/// leaves nothing behind.
/// </summary>
internal static class VerifiedFileWriter
{
    // The suffix LocalObjectStore gives its own partial writes, so that its listings skip ours too.
    private const string PartialSuffix = ".flyte-partial";

    public enum Outcome
    {
        /// <summary>The object now holds the body (or already held the same bytes).</summary>
        Stored,

        /// <summary>The body's MD5 is not the one expected; nothing changed.</summary>
        Md5Mismatch,

        /// <summary>The object already holds other content; nothing changed.</summary>
        Conflict,
    }

    /// <returns>What happened, and the MD5 of the body.</returns>
    public static async Task<(Outcome Outcome, byte[] BodyMd5)> WriteAsync(
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
                return (Outcome.Md5Mismatch, bodyMd5);
            }
            try
            {
                // Not overwriting: on Unix a hard link then an unlink, which fails if the target exists, so two uploads
                // racing to one name cannot both win.
                File.Move(temporary, targetPath, overwrite: false);
                return (Outcome.Stored, bodyMd5);
            }
            catch (IOException) when (File.Exists(targetPath))
            {
                byte[] existing = await Md5OfFileAsync(targetPath, cancellationToken).ConfigureAwait(false);
                return (CryptographicOperations.FixedTimeEquals(existing, bodyMd5) ? Outcome.Stored : Outcome.Conflict, bodyMd5);
            }
        }
        finally
        {
            // Gone already when the move happened.
            File.Delete(temporary);
        }
    }

    private static async Task<byte[]> Md5OfFileAsync(string path, CancellationToken cancellationToken)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, useAsync: true);
        await using (file.ConfigureAwait(false))
        {
            return await MD5.HashDataAsync(file, cancellationToken).ConfigureAwait(false);
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
