namespace Flyte.Bundles;

/// <summary>
/// Checks a whole bundle's entries together: no duplicates, nothing beneath a file or a symbolic link, and every link resolving
/// inside the bundle once the other links it passes through are followed (so <c>b -&gt; .</c> plus <c>a -&gt; b/..</c>
/// is caught). The same rules apply when packing and when unpacking.
/// </summary>
internal static class BundleLayout
{
    private const int MaxLinkDepth = 40;

    /// <summary>The first offending entry and why, or null when the layout is safe.</summary>
    public static (string Entry, string Reason)? FindProblem(IReadOnlyList<BundleEntry> entries)
    {
        var kinds = new Dictionary<string, BundleEntryKind>(StringComparer.Ordinal);
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (!kinds.TryAdd(entry.Path, entry.Kind))
            {
                return (entry.Path, "it appears twice");
            }
            if (entry.Kind == BundleEntryKind.SymbolicLink)
            {
                links[entry.Path] = entry.LinkTarget ?? "";
            }
        }

        foreach (var entry in entries)
        {
            for (var parent = BundlePath.Parent(entry.Path); parent is not null; parent = BundlePath.Parent(parent))
            {
                if (links.ContainsKey(parent))
                {
                    return (entry.Path, $"it lies beneath the symbolic link '{EchoedValue.Of(parent)}'");
                }
                if (kinds.GetValueOrDefault(parent) == BundleEntryKind.File)
                {
                    return (entry.Path, $"it lies beneath the file '{EchoedValue.Of(parent)}'");
                }
            }
        }

        foreach (var (path, target) in links)
        {
            var problem = BundlePath.Problem(target, isLinkTarget: true);
            if (problem is null && Resolve(links, path, target, 0) is null)
            {
                problem = $"it is a symbolic link to '{EchoedValue.Of(target)}', which resolves outside the bundle";
            }
            if (problem is not null)
            {
                return (path, problem);
            }
        }
        return null;
    }

    /// <summary>The segments a link's target resolves to from the bundle root, or null if it leaves the root.</summary>
    private static List<string>? Resolve(Dictionary<string, string> links, string linkPath, string target, int depth)
    {
        if (depth > MaxLinkDepth || target.StartsWith('/') || target.Contains('\\') || target.Contains(':'))
        {
            return null;
        }

        var parent = BundlePath.Parent(linkPath);
        var resolved = parent is null ? [] : parent.Split('/').ToList();
        foreach (var segment in target.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }
            if (segment == "..")
            {
                if (resolved.Count == 0)
                {
                    return null;
                }
                resolved.RemoveAt(resolved.Count - 1);
                continue;
            }

            resolved.Add(segment);
            var current = string.Join('/', resolved);
            if (links.TryGetValue(current, out var next))
            {
                var followed = Resolve(links, current, next, depth + 1);
                if (followed is null)
                {
                    return null;
                }
                resolved = followed;
            }
        }
        return resolved;
    }
}
