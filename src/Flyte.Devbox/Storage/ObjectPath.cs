namespace Flyte.Devbox.Storage;

/// <summary>
/// Relative object paths under the devbox storage root, such as <c>uploads/flytesnacks/development/abc/fast1.tar.gz</c>:
/// '/'-separated, never absolute, never leaving the root.
/// </summary>
public static class ObjectPath
{
    /// <summary>Null when <paramref name="path"/> is a valid relative object path; otherwise what is wrong with it, in a few words.</summary>
    public static string? Problem(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "the path is empty";
        }
        if (path.Contains('\\'))
        {
            return "backslashes are not allowed; separate folders with '/'";
        }
        if (path.StartsWith('/') || Path.IsPathRooted(path))
        {
            return "the path must be relative, not absolute";
        }
        if (path.Any(char.IsControl))
        {
            return "control characters are not allowed";
        }
        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0)
            {
                return "empty path segments ('//' or a trailing '/') are not allowed";
            }
            if (segment is "." or "..")
            {
                return "'.' and '..' segments are not allowed";
            }
        }
        return null;
    }

    /// <summary>Throws when <paramref name="path"/> is not a valid relative object path.</summary>
    /// <exception cref="ArgumentException">The path is invalid; the message says why.</exception>
    public static string Validate(string? path, string parameterName = "path")
    {
        if (Problem(path) is { } problem)
        {
            throw new ArgumentException($"Invalid object path '{path}': {problem}.", parameterName);
        }
        return path!;
    }

    /// <summary>The path with each segment percent-encoded, for use in a URL.</summary>
    public static string Escape(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
}
