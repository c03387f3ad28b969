namespace Flyte.Storage;

/// <summary>Picks the object store for a URI by its scheme.</summary>
public static class ObjectStores
{
    public const string FileScheme = "file";
    public const string S3Scheme = "s3";
    public const string GcsScheme = "gs";

    public static IReadOnlyList<string> SupportedSchemes { get; } = [FileScheme, S3Scheme, GcsScheme];

    /// <summary>
    /// A new store for <paramref name="uri"/>: <see cref="LocalObjectStore"/> for <c>file://</c> and plain paths,
    /// <see cref="S3ObjectStore"/> for <c>s3://</c> and <c>gs://</c> (configured by <paramref name="options"/>).
    /// </summary>
    /// <exception cref="NotSupportedException">The URI has another scheme.</exception>
    public static IObjectStore For(string uri, S3StoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(uri);
        if (IsLocal(uri))
        {
            return new LocalObjectStore();
        }
        var scheme = SchemeOf(uri)!.ToLowerInvariant();
        return scheme switch
        {
            S3Scheme => new S3ObjectStore(options),
            GcsScheme => S3ObjectStore.ForGcs(options),
            _ => throw UnsupportedScheme(scheme, uri),
        };
    }

    // Apart: precompiled code loads every type its method names before the method first runs, and System.Linq would be
    // one more assembly on a0's start-up path.
    private static NotSupportedException UnsupportedScheme(string scheme, string uri) =>
        new($"No object store for the scheme '{scheme}' (in {uri}); supported: {string.Join(", ", SupportedSchemes.Select(s => s + "://"))} and plain paths.");

    /// <summary>Whether <paramref name="uri"/> is a plain path or a <c>file://</c> URI, the local store's.</summary>
    internal static bool IsLocal(string uri) =>
        SchemeOf(uri) is not { } scheme || scheme.Equals(FileScheme, StringComparison.OrdinalIgnoreCase);

    /// <summary>The scheme of a <c>scheme://…</c> URI, as written; null for a plain path (including <c>C:\…</c>).</summary>
    /// <remarks>
    /// Scanned by hand, not matched with a regex: this runs on a0's start-up path, where loading the regex engine
    /// costs more than everything else that picking a store does.
    /// </remarks>
    internal static string? SchemeOf(string uri)
    {
        // RFC 3986: a letter, then letters, digits, '+', '-' or '.', up to the "://".
        for (int i = 0; i < uri.Length; i++)
        {
            char c = uri[i];
            if (c == ':')
            {
                return i > 0 && uri.AsSpan(i).StartsWith("://", StringComparison.Ordinal) ? uri[..i] : null;
            }
            if (!char.IsAsciiLetter(c) && (i == 0 || !(char.IsAsciiDigit(c) || c is '+' or '-' or '.')))
            {
                return null;
            }
        }
        return null;
    }
}
