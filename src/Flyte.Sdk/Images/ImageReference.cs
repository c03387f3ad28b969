namespace Flyte.Images;

/// <summary>Image references as registries and engines take them: <c>[registry[:port]/]repository[:tag][@digest]</c>.</summary>
internal static class ImageReference
{
    /// <summary>
    /// The repository (with its registry) and the tag or digest: <c>127.0.0.1:5000/app:1.0</c> → (<c>127.0.0.1:5000/app</c>, <c>1.0</c>),
    /// <c>app@sha256:…</c> → (<c>app</c>, <c>sha256:…</c>), <c>app</c> → (<c>app</c>, <c>latest</c>). A colon before the last slash is a port.
    /// </summary>
    public static (string Repository, string Tag) Split(string reference)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        int at = reference.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            return (reference[..at], reference[(at + 1)..]);
        }
        int colon = reference.LastIndexOf(':');
        return colon > reference.LastIndexOf('/') ? (reference[..colon], reference[(colon + 1)..]) : (reference, "latest");
    }
}
