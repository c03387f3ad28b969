namespace Flyte.Devbox.Storage;

/// <summary>
/// The devbox's objects: files under one root folder. Objects are named by a relative path (see <see cref="ObjectPath"/>)
/// inside the devbox and by a <c>file://</c> native URL outside it, which task processes read with
/// <see cref="Flyte.Storage.LocalObjectStore"/>.
/// </summary>
public sealed class DevboxObjectStore
{
    private const string UploadsFolder = "uploads";

    public DevboxObjectStore(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        Directory.CreateDirectory(Root);
    }

    /// <summary>The root folder, as a full path without a trailing separator.</summary>
    public string Root { get; }

    /// <summary>The local file of the object at <paramref name="relativePath"/>.</summary>
    /// <exception cref="ArgumentException">The path is not a valid relative object path.</exception>
    public string FullPathOf(string relativePath)
    {
        ObjectPath.Validate(relativePath, nameof(relativePath));
        return Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));
    }

    /// <summary>The <c>file://</c> URL of the object at <paramref name="relativePath"/>, each path segment percent-encoded.</summary>
    public string NativeUrlOf(string relativePath)
    {
        var fullPath = FullPathOf(relativePath).Replace(Path.DirectorySeparatorChar, '/');
        // A Windows path (C:/…) needs the slash that a Unix path already starts with.
        var rooted = fullPath.StartsWith('/') ? fullPath : "/" + fullPath;
        return "file://" + string.Join('/', rooted.Split('/').Select(EscapeSegment));
    }

    /// <summary>
    /// The relative path of a <c>file://</c> native URL under <see cref="Root"/>; false for other schemes, for
    /// locations outside the root and for URLs that are not well formed.
    /// </summary>
    public bool TryGetRelativePath(string nativeUrl, out string relativePath)
    {
        relativePath = "";
        if (!Uri.TryCreate(nativeUrl, UriKind.Absolute, out var uri) || !uri.IsFile || !string.IsNullOrEmpty(uri.Host))
        {
            return false;
        }
        var fullPath = Path.GetFullPath(uri.LocalPath);
        var rootWithSeparator = Root + Path.DirectorySeparatorChar;
        if (!fullPath.StartsWith(rootWithSeparator, StringComparison.Ordinal))
        {
            return false;
        }
        var candidate = fullPath[rootWithSeparator.Length..].Replace(Path.DirectorySeparatorChar, '/');
        if (ObjectPath.Problem(candidate) is not null)
        {
            return false;
        }
        relativePath = candidate;
        return true;
    }

    public bool Exists(string relativePath) => File.Exists(FullPathOf(relativePath));

    /// <summary>
    /// Where an upload goes: <c>uploads/{project}/{domain}/{filenameRoot or md5 hex}/{filename}</c>. The MD5 in the path makes
    /// the location of given content stable, so uploading the same bundle twice lands on the same object.
    /// </summary>
    public static string UploadPath(string project, string domain, string? filenameRoot, ReadOnlySpan<byte> contentMd5, string filename)
    {
        var folder = string.IsNullOrEmpty(filenameRoot) ? Convert.ToHexStringLower(contentMd5) : filenameRoot;
        return ObjectPath.Validate($"{UploadsFolder}/{project}/{domain}/{folder}/{filename}");
    }

    // The drive of a Windows path (C:) keeps its colon; everything else is escaped as a URI path segment.
    private static string EscapeSegment(string segment) =>
        segment.Length == 2 && segment[1] == ':' && char.IsAsciiLetter(segment[0]) ? segment : Uri.EscapeDataString(segment);
}
