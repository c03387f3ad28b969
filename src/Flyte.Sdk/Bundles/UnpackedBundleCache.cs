namespace Flyte.Bundles;

/// <summary>
/// Unpacked code bundles kept by MD5 in a folder that outlives one attempt (the devbox gives a0 one in
/// <see cref="Variable"/>; a pod has none). The first attempt of a bundle fetches it, checks its MD5 and unpacks it into
/// <c>&lt;folder&gt;/&lt;md5&gt;</c> (staged beside it and renamed into place, so it is complete or absent); every attempt
/// then copies it into its own destination. Copying gives each attempt the very files an unpacking would, and skips the
/// fetch, the hash, gzip and tar, whose code and native libraries are most of a cold attempt's bundle cost (docs/bundles.md).
/// </summary>
internal sealed class UnpackedBundleCache(string folder)
{
    /// <summary>The variable that names the folder.</summary>
    public const string Variable = "FLYTE_BUNDLE_CACHE";

    private static readonly EnumerationOptions Everything = new() { AttributesToSkip = 0 };

    public string Folder { get; } = Path.GetFullPath(folder);

    /// <summary>
    /// Puts the bundle of <paramref name="md5Hex"/> into <paramref name="destination"/>, unpacking it into the cache first
    /// if it is not there yet (<paramref name="openBundle"/> is called only then).
    /// </summary>
    /// <param name="md5Hex">The bundle's MD5, 32 lower-case hex digits: the name of its folder in the cache.</param>
    public void CopyInto(string md5Hex, string destination, Func<Stream> openBundle, CancellationToken cancellationToken)
    {
        if (md5Hex.Length != 32 || !md5Hex.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
        {
            throw new ArgumentException($"'{md5Hex}' is not an MD5 in lower-case hex.", nameof(md5Hex));
        }
        string unpacked = Path.Combine(Folder, md5Hex);
        if (!Directory.Exists(unpacked))
        {
            Directory.CreateDirectory(Folder);
            // Unpacked under a name of its own, then renamed: the cached folder is never written while others copy it.
            string own = Path.Combine(Folder, $".{md5Hex}-{Guid.NewGuid():N}.partial");
            try
            {
                using (var bundle = openBundle())
                {
                    CodeBundle.ExtractAsync(bundle, own, md5Hex, cancellationToken).GetAwaiter().GetResult();
                }
                Directory.Move(own, unpacked);
            }
            catch (IOException) when (Directory.Exists(unpacked))
            {
                // Another attempt renamed its copy into place first; it is the same bundle.
            }
            finally
            {
                if (Directory.Exists(own))
                {
                    Directory.Delete(own, recursive: true);
                }
            }
        }
        Directory.CreateDirectory(destination);
        string staging = Path.Combine(destination, $".flyte-bundle-{Guid.NewGuid():N}.partial");
        try
        {
            CopyTree(unpacked, staging);
            BundleStaging.MergeInto(staging, destination);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private static void CopyTree(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var entry in new DirectoryInfo(source).EnumerateFileSystemInfos("*", Everything))
        {
            string to = Path.Combine(target, entry.Name);
            if (entry.LinkTarget is { } link)
            {
                // As the bundle had it: checked when it was unpacked to stay inside the folder.
                File.CreateSymbolicLink(to, link);
            }
            else if (entry is DirectoryInfo directory)
            {
                CopyTree(directory.FullName, to);
            }
            else
            {
                // Keeps the mode, and so the executable bit the bundle gave the file.
                File.Copy(entry.FullName, to);
            }
        }
    }
}
