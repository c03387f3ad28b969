using System.Security.Cryptography;

namespace Flyte.Remote;

/// <summary>A local file to upload, and the names CreateUploadLocation files it under.</summary>
/// <param name="LocalPath">The file on this machine.</param>
/// <param name="ContentMd5">The 16-byte MD5 of the file's bytes.</param>
/// <param name="ContentLength">The file's length in bytes.</param>
/// <param name="Filename">Its name in storage; may hold '/' (a file inside an uploaded folder).</param>
/// <param name="FilenameRoot">The folder it goes in; empty lets the control plane derive one from the MD5.</param>
/// <param name="Description">What it is, for error messages: "the code bundle", "input file".</param>
internal sealed record LocalUpload(string LocalPath, byte[] ContentMd5, long ContentLength, string Filename, string FilenameRoot, string Description)
{
    /// <summary>Reads <paramref name="localPath"/> once for its MD5 and length.</summary>
    public static async Task<LocalUpload> OfFileAsync(string localPath, string filename, string filenameRoot, string description, CancellationToken cancellationToken = default)
    {
        var file = new FileStream(localPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        await using (file.ConfigureAwait(false))
        {
            byte[] md5 = await MD5.HashDataAsync(file, cancellationToken).ConfigureAwait(false);
            return new LocalUpload(localPath, md5, file.Length, filename, filenameRoot, description);
        }
    }
}
