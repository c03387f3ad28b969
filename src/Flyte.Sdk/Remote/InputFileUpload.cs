using System.Security.Cryptography;
using System.Text;

namespace Flyte.Remote;

/// <summary>
/// Uploads a local file or folder given as a run's input (<see cref="DataProxyUpload"/>), content-addressed so that
/// running again with the same content uploads to the same objects and adds nothing to storage.
/// </summary>
internal static class InputFileUpload
{
    private const string Description = "input file";

    /// <summary>Asked for to learn where an empty folder's files would go; never uploaded.</summary>
    private const string EmptyFolderProbe = "empty";

    private const int ParallelUploads = 4;

    /// <summary>The file under its own name, in the folder the control plane derives from its MD5 (filename_root left empty, as flyte-sdk does).</summary>
    public static async Task<string> UploadFileAsync(FlyteRemote remote, string path, CancellationToken cancellationToken)
    {
        var upload = await LocalUpload.OfFileAsync(path, Path.GetFileName(path), "", Description, cancellationToken).ConfigureAwait(false);
        return await remote.UploadAsync(upload, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Every file of the folder, at its relative path, in one storage folder named by the MD5 of the whole folder's content
    /// (each file's relative path and MD5); that storage folder's URI is the input's.
    /// </summary>
    public static async Task<string> UploadDirectoryAsync(FlyteRemote remote, string path, CancellationToken cancellationToken)
    {
        // Hidden files are part of the folder too.
        var files = Directory.EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(file => (Full: file, Relative: Path.GetRelativePath(path, file).Replace(Path.DirectorySeparatorChar, '/')))
            .OrderBy(file => file.Relative, StringComparer.Ordinal)
            .ToList();
        var uploads = new List<LocalUpload>(files.Count);
        foreach (var (full, relative) in files)
        {
            uploads.Add(await LocalUpload.OfFileAsync(full, relative, "", Description, cancellationToken).ConfigureAwait(false));
        }
        string root = FolderRoot(uploads);

        if (uploads.Count == 0)
        {
            var probe = new LocalUpload(path, MD5.HashData(Array.Empty<byte>()), 0, EmptyFolderProbe, root, Description);
            var location = await remote.LocateAsync(probe, cancellationToken).ConfigureAwait(false);
            return FolderOf(location.NativeUrl, EmptyFolderProbe, root);
        }
        var nativeUrls = new string[uploads.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, uploads.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelUploads, CancellationToken = cancellationToken },
            async (i, token) => nativeUrls[i] = await remote.UploadAsync(uploads[i] with { FilenameRoot = root }, token).ConfigureAwait(false))
            .ConfigureAwait(false);
        return FolderOf(nativeUrls[0], uploads[0].Filename, root);
    }

    /// <summary>Lower-case hex MD5 over each file's relative path and MD5, in path order: the same folder content gives the same name.</summary>
    private static string FolderRoot(IReadOnlyList<LocalUpload> uploads)
    {
        var manifest = new StringBuilder();
        foreach (var upload in uploads)
        {
            manifest.Append(upload.Filename).Append('\0').Append(Convert.ToHexString(upload.ContentMd5)).Append('\n');
        }
        return Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(manifest.ToString()))).ToLowerInvariant();
    }

    /// <summary>The storage folder that holds <paramref name="filename"/> at <paramref name="nativeUrl"/>: the URL without the filename's segments.</summary>
    private static string FolderOf(string nativeUrl, string filename, string root)
    {
        string folder = nativeUrl;
        // Counted in segments, not characters: the control plane may percent-encode the names in its URL.
        for (int segments = filename.Count(c => c == '/') + 1; segments > 0; segments--)
        {
            int slash = folder.LastIndexOf('/');
            folder = slash > 0 ? folder[..slash] : "";
        }
        return folder.EndsWith("/" + root, StringComparison.Ordinal)
            ? folder
            : throw new FlyteRemoteException($"the control plane put {filename} at {nativeUrl}, not in a folder named {root}, so the uploaded folder has no URI to pass on");
    }
}
