namespace Flyte.Fuzz;

/// <summary>What a folder holds, walked without following links.</summary>
public static class FileTree
{
    /// <summary>Every entry beneath <paramref name="root"/>; a link is listed, never entered.</summary>
    /// <param name="skip">A path relative to <paramref name="root"/> whose subtree is left out, or null.</param>
    public static IEnumerable<FileSystemInfo> Entries(string root, string? skip = null)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = 0 };
        var pending = new Stack<string>([root]);
        while (pending.Count > 0)
        {
            foreach (var entry in new DirectoryInfo(pending.Pop()).EnumerateFileSystemInfos("*", options))
            {
                if (Path.GetRelativePath(root, entry.FullName) == skip)
                {
                    continue;
                }
                yield return entry;
                if (entry is DirectoryInfo && entry.LinkTarget is null)
                {
                    pending.Push(entry.FullName);
                }
            }
        }
    }

    /// <summary>One sorted line per entry: its relative path, kind, and size or link target; to tell whether anything changed.</summary>
    public static List<string> Snapshot(string root, string? skip = null)
    {
        var lines = Entries(root, skip)
            .Select(entry => Path.GetRelativePath(root, entry.FullName) + entry switch
            {
                { LinkTarget: { } target } => $" link {target}",
                DirectoryInfo => " directory",
                FileInfo file => $" file {file.Length}",
                _ => " other",
            })
            .ToList();
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
