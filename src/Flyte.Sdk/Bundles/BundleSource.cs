namespace Flyte.Bundles;

/// <summary>
/// Lists what a folder contributes to its bundle, sorted by ordinal path: every entry that is neither ignored nor provided
/// by the task image (<see cref="ImageProvidedFiles"/>); a folder left empty by the latter is left out too.
/// </summary>
internal static class BundleSource
{
    private const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    // The default options skip hidden files (every dot file on Unix); a bundle must not.
    private static readonly EnumerationOptions All = new() { AttributesToSkip = 0, IgnoreInaccessible = false };

    public static List<BundleEntry> Collect(string root)
    {
        var ignore = FlyteIgnore.Load(root);
        var provided = ImageProvidedFiles.Find(root);
        var entries = new List<BundleEntry>();
        Walk(new DirectoryInfo(root), "", ignore, provided, entries);
        // Ordinal order puts every directory before its contents ("a" < "a/x").
        entries.Sort(static (a, b) => string.CompareOrdinal(a.Path, b.Path));
        return entries;
    }

    /// <returns>Whether a file the image provides was left out of this folder or one below it.</returns>
    private static bool Walk(DirectoryInfo directory, string relativeDirectory, FlyteIgnore ignore, IReadOnlySet<string> provided, List<BundleEntry> entries)
    {
        bool leftOut = false;
        foreach (var info in directory.EnumerateFileSystemInfos("*", All))
        {
            var path = relativeDirectory.Length == 0 ? info.Name : relativeDirectory + "/" + info.Name;
            var isDirectory = info is DirectoryInfo;
            if ((path == FlyteIgnore.FileName && !isDirectory) || ignore.IsIgnored(path, isDirectory))
            {
                continue;
            }

            if (!isDirectory && provided.Contains(path))
            {
                leftOut = true;
                continue;
            }

            if (info.LinkTarget is { } target)
            {
                entries.Add(new BundleEntry(path, BundleEntryKind.SymbolicLink, LinkTarget: target.Replace('\\', '/')));
            }
            else if (info is DirectoryInfo subdirectory)
            {
                int at = entries.Count;
                entries.Add(new BundleEntry(path, BundleEntryKind.Directory));
                if (Walk(subdirectory, path, ignore, provided, entries))
                {
                    leftOut = true;
                    if (entries.Count == at + 1)
                    {
                        entries.RemoveAt(at); // emptied by what the image provides (runtimes/win/lib/…)
                    }
                }
            }
            else
            {
                entries.Add(new BundleEntry(path, BundleEntryKind.File, IsExecutable(info), SourcePath: info.FullName));
            }
        }
        return leftOut;
    }

    private static bool IsExecutable(FileSystemInfo file) =>
        !OperatingSystem.IsWindows() && (file.UnixFileMode & AnyExecute) != 0;
}
