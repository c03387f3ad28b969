using System.Text;

namespace Flyte.Bundles;

/// <summary>The relative paths a bundle may hold: '/'-separated and unable to name anything outside its root.</summary>
internal static class BundlePath
{
    /// <summary>The longest file name Linux, macOS and Windows file systems hold.</summary>
    public const int MaxNameBytes = 255;

    /// <summary>
    /// Far beyond any publish folder's paths, and short enough that the destination's own path plus this stays within
    /// Linux's 4096-byte limit wherever a bundle is reasonably unpacked.
    /// </summary>
    public const int MaxPathBytes = 1024;

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

        var segments = name.Split('/').Where(static s => s.Length > 0 && s != ".").ToList();
        if (segments.Any(static s => s == ".."))
        {
            problem = "its path has a '..' segment, which leaves the destination";
            return null;
        }
        if (segments.Any(static s => Encoding.UTF8.GetByteCount(s) > MaxNameBytes))
        {
            problem = $"its path has a name longer than {MaxNameBytes} bytes, which no file system holds";
            return null;
        }
        var path = string.Join('/', segments);
        if (Encoding.UTF8.GetByteCount(path) > MaxPathBytes)
        {
            problem = $"its path is longer than {MaxPathBytes} bytes";
            return null;
        }
        return path;
    }

    /// <summary>What makes a path unsafe on any OS regardless of its '..' segments, or null.</summary>
    public static string? Problem(string path, bool isLinkTarget)
    {
        var what = isLinkTarget ? "its link target" : "its path";
        if (isLinkTarget && path.Length == 0)
        {
            return "its link target is empty";
        }
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
