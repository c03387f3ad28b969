namespace Flyte.Fuzz;

/// <summary>Where a path really leads once every symbolic link on it is followed, checked on the file system itself.</summary>
public static class LinkResolution
{
    private const int MaxLinks = 40;

    /// <summary>
    /// The absolute path <paramref name="path"/> resolves to, following links in every component, the last included;
    /// null for a loop. Components that do not exist are taken as they are written.
    /// </summary>
    public static string? Resolve(string path)
    {
        var pending = new Queue<string>(Path.GetFullPath(path).Split('/', StringSplitOptions.RemoveEmptyEntries));
        string current = "/";
        int followed = 0;
        while (pending.Count > 0)
        {
            string segment = pending.Dequeue();
            if (segment == ".")
            {
                continue;
            }
            if (segment == "..")
            {
                current = Path.GetDirectoryName(current) ?? "/";
                continue;
            }
            string next = Path.Combine(current, segment);
            string? target = new FileInfo(next).LinkTarget;
            if (target is null)
            {
                current = next;
                continue;
            }
            if (++followed > MaxLinks)
            {
                return null;
            }
            // The target's segments replace the link's, then the rest of the path follows them.
            var rest = pending.ToArray();
            pending.Clear();
            foreach (string part in target.Split('/', StringSplitOptions.RemoveEmptyEntries).Concat(rest))
            {
                pending.Enqueue(part);
            }
            if (target.StartsWith('/'))
            {
                current = "/";
            }
        }
        return current;
    }
}
