namespace Flyte.Bundles;

/// <summary>The relative paths a bundle may hold: '/'-separated and unable to name anything outside its root.</summary>
internal static class BundlePath
{
    /// <summary>
    /// Normalizes a tar entry name (dropping '.' segments, empty segments and a trailing '/'), or returns null and why
    /// the name is refused. The root itself normalizes to "".
    /// </summary>
    public static string? Normalize(string name, out string? problem)
    {
        problem = Problem(name, isLinkTarget: false);
        if (problem is not null)
        {
            return null;
        }

        var segments = name.Split('/').Where(static s => s.Length > 0 && s != ".");
        if (segments.Any(static s => s == ".."))
        {
            problem = "its path has a '..' segment, which leaves the destination";
            return null;
        }
        return string.Join('/', segments);
    }

    /// <summary>What makes a path unsafe on any OS regardless of its '..' segments, or null.</summary>
    public static string? Problem(string path, bool isLinkTarget)
    {
        var what = isLinkTarget ? "its link target" : "its path";
        if (path.Contains('\0'))
        {
            return $"{what} contains a NUL character";
        }
        if (path.StartsWith('/'))
        {
            return $"{what} is absolute";
        }
        // Backslashes and colons are separators, drive letters or stream names on Windows; nothing dotnet publish writes.
        if (path.Contains('\\'))
        {
            return $"{what} contains a backslash";
        }
        if (path.Contains(':'))
        {
            return $"{what} contains a ':' (drive letter or stream name)";
        }
        return null;
    }

    public static string? Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? null : path[..slash];
    }
}
