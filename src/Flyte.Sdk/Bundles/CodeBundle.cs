namespace Flyte.Bundles;

/// <summary>
/// Code bundles: a <c>dotnet publish</c> folder packed as a deterministic .tar.gz named <c>fast&lt;md5&gt;.tar.gz</c>,
/// the MD5 also being the code version (flyte-sdk's convention), so an unchanged project gives the same name and
/// uploads nothing.
/// </summary>
/// <remarks>
/// Deterministic means: entries in ordinal path order, mtime 0, owner 0:0 without names, modes 0644/0755, gzip header
/// mtime 0. File timestamps, owners and creation order do not matter. A <c>.flyteignore</c> (gitignore syntax) at the
/// folder's root excludes files and is not bundled itself. The compressed bytes come from the runtime's zlib, so the
/// same folder packed under different .NET major versions may give different (equally valid) bundles.
/// </remarks>
internal static class CodeBundle
{
    private const string Prefix = "fast";
    private const string Extension = ".tar.gz";

    /// <summary><c>fast&lt;md5 hex&gt;.tar.gz</c>.</summary>
    public static string FileName(string md5Hex) => Prefix + md5Hex.ToLowerInvariant() + Extension;

    /// <summary>Packs <paramref name="sourceDirectory"/> into <paramref name="destination"/> (left open).</summary>
    /// <returns>The lower-case hex MD5 of the bytes written: the bundle's version.</returns>
    /// <exception cref="InvalidOperationException">The folder holds a symbolic link that resolves outside it.</exception>
    public static Task<string> CreateAsync(string sourceDirectory, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sourceDirectory);
        ArgumentNullException.ThrowIfNull(destination);
        return BundleWriter.WriteAsync(sourceDirectory, destination, cancellationToken);
    }

    /// <summary>Packs <paramref name="sourceDirectory"/> as <c>fast&lt;md5&gt;.tar.gz</c> in <paramref name="outputDirectory"/>, replacing a file of that name.</summary>
    /// <remarks>Keep <paramref name="outputDirectory"/> outside the source folder (or ignore it), or earlier bundles get bundled.</remarks>
    public static async Task<CodeBundleFile> CreateFileAsync(string sourceDirectory, string outputDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outputDirectory);
        Directory.CreateDirectory(outputDirectory);
        var temporary = Path.Combine(outputDirectory, $".{Prefix}-{Guid.NewGuid():N}{Extension}.partial");
        try
        {
            string md5Hex;
            var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
            await using (file.ConfigureAwait(false))
            {
                md5Hex = await CreateAsync(sourceDirectory, file, cancellationToken).ConfigureAwait(false);
            }
            var path = Path.GetFullPath(Path.Combine(outputDirectory, FileName(md5Hex)));
            File.Move(temporary, path, overwrite: true);
            return new CodeBundleFile(path, md5Hex);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>
    /// Unpacks a bundle into <paramref name="destinationDirectory"/> (created if missing; existing files of the same
    /// names are replaced). The MD5, when given, is checked before anything is written. The whole bundle is refused,
    /// leaving nothing behind, if any entry would land outside the destination: '..' segments, absolute paths, drive
    /// letters, hard links, symbolic links resolving outside, or other special files.
    /// </summary>
    /// <param name="bundle">Read from its current position; a stream that cannot seek is first copied to a temporary file.</param>
    /// <param name="expectedMd5Hex">The bundle's version (hex MD5, any case), or null to skip the check.</param>
    /// <exception cref="BundleRejectedException">The MD5 differs, the bytes are not a .tar.gz, or an entry is unsafe.</exception>
    public static Task ExtractAsync(Stream bundle, string destinationDirectory, string? expectedMd5Hex = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(destinationDirectory);
        return BundleExtractor.ExtractAsync(bundle, destinationDirectory, expectedMd5Hex, cancellationToken);
    }
}
