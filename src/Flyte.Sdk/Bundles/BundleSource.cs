namespace Flyte.Bundles;

/// <summary>Lists what a folder contributes to its bundle: every entry not ignored, sorted by ordinal path.</summary>
internal static class BundleSource
{
    private const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    // The default options skip hidden files (every dot file on Unix); a bundle must not.
    private static readonly EnumerationOptions All = new() { AttributesToSkip = 0, IgnoreInaccessible = false };

    public static List<BundleEntry> Collect(string root)
    {
        var ignore = FlyteIgnore.Load(root);
        var entries = new List<BundleEntry>();
        Walk(new DirectoryInfo(root), "", ignore, entries);
        // Ordinal order puts every directory before its contents ("a" < "a/x").
        entries.Sort(static (a, b) => string.CompareOrdinal(a.Path, b.Path));
        return entries;
    }

    private static void Walk(DirectoryInfo directory, string relativeDirectory, FlyteIgnore ignore, List<BundleEntry> entries)
    {
        foreach (var info in directory.EnumerateFileSystemInfos("*", All))
        {
            var path = relativeDirectory.Length == 0 ? info.Name : relativeDirectory + "/" + info.Name;
            var isDirectory = info is DirectoryInfo;
            if ((path == FlyteIgnore.FileName && !isDirectory) || ignore.IsIgnored(path, isDirectory))
            {
                continue;
            }

            if (info.LinkTarget is { } target)
            {
                entries.Add(new BundleEntry(path, BundleEntryKind.SymbolicLink, LinkTarget: target.Replace('\\', '/')));
            }
            else if (info is DirectoryInfo subdirectory)
            {
                entries.Add(new BundleEntry(path, BundleEntryKind.Directory));
                Walk(subdirectory, path, ignore, entries);
            }
            else
            {
                entries.Add(new BundleEntry(path, BundleEntryKind.File, IsExecutable(info), SourcePath: info.FullName));
            }
        }
    }

    private static bool IsExecutable(FileSystemInfo file) =>
        !OperatingSystem.IsWindows() && (file.UnixFileMode & AnyExecute) != 0;
}
