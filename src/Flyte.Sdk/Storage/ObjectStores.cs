using System.Runtime.CompilerServices;

namespace Flyte.Storage;

/// <summary>Picks the object store for a URI by its scheme.</summary>
public static class ObjectStores
{
    /// <summary>Local files: <c>file:///path</c> or a plain path.</summary>
    public const string FileScheme = "file";
    /// <summary>Amazon S3 and S3-compatible stores: <c>s3://bucket/key</c>.</summary>
    public const string S3Scheme = "s3";
    /// <summary>Google Cloud Storage: <c>gs://bucket/key</c>.</summary>
    public const string GcsScheme = "gs";
    /// <summary>Azure Blob Storage: <c>abfs://container@account.dfs.core.windows.net/key</c> or <c>abfs://container/key</c>.</summary>
    public const string AzureScheme = "abfs";
    /// <summary>Azure Blob Storage, as <see cref="AzureScheme"/> with <c>abfss://</c>.</summary>
    public const string AzureSecureScheme = "abfss";

    /// <summary>Every scheme <see cref="For(string, ObjectStoreOptions)"/> takes.</summary>
    public static IReadOnlyList<string> SupportedSchemes { get; } = [FileScheme, S3Scheme, GcsScheme, AzureScheme, AzureSecureScheme];

    /// <summary>
    /// A new store for <paramref name="uri"/>, with <paramref name="options"/> for <c>s3://</c> (and <c>gs://</c> through
    /// GCS's S3 interoperability); see <see cref="For(string, ObjectStoreOptions)"/>.
    /// </summary>
    /// <exception cref="NotSupportedException">The URI has another scheme.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0027", Justification = "The short form for the common case (S3 options or none); the overload with every store's options takes them all, required.")]
    public static IObjectStore For(string uri, S3StoreOptions? options = null) => For(uri, new ObjectStoreOptions { S3 = options });

    /// <summary>
    /// A new store for <paramref name="uri"/>: <see cref="LocalObjectStore"/> for <c>file://</c> and plain paths,
    /// <see cref="S3ObjectStore"/> for <c>s3://</c>, <see cref="AzureBlobObjectStore"/> for <c>abfs://</c> and <c>abfss://</c>;
    /// for <c>gs://</c>, <see cref="S3ObjectStore"/> on GCS's XML API when HMAC keys are given (in the S3 options or the
    /// <c>FLYTE_AWS_*</c> or <c>AWS_*</c> variables), else <see cref="GcsObjectStore"/> with application default credentials.
    /// </summary>
    /// <exception cref="NotSupportedException">The URI has another scheme.</exception>
    public static IObjectStore For(string uri, ObjectStoreOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(uri);
        ArgumentNullException.ThrowIfNull(options);
        if (IsLocal(uri))
        {
            return new LocalObjectStore();
        }
        var scheme = SchemeOf(uri)!.ToLowerInvariant();
        return scheme switch
        {
            S3Scheme => new S3ObjectStore(options.S3),
            GcsScheme => ForGcs(options, Environment.GetEnvironmentVariable),
            AzureScheme or AzureSecureScheme => ForAzure(uri, options.Azure),
            _ => throw UnsupportedScheme(scheme, uri),
        };
    }

    /// <summary>GCS's S3 interoperability with HMAC keys, else Google's client with application default credentials.</summary>
    internal static IObjectStore ForGcs(ObjectStoreOptions options, Func<string, string?> environment)
    {
        var s3 = options.S3 ?? new S3StoreOptions();
        if (S3ClientSettings.HasAccessKey(s3, environment))
        {
            return new S3ObjectStore(GcsScheme, s3, environment);
        }
        return StorageFeatures.IsGoogleCloudStorageSupported
            ? ForGoogleClient(options.Gcs ?? new GcsStoreOptions(), environment)
            : throw new NotSupportedException(
                "This a0 was compiled ahead of time without Google's client library: reach gs:// with GCS HMAC keys in FLYTE_AWS_ACCESS_KEY_ID and FLYTE_AWS_SECRET_ACCESS_KEY (or AWS_*), or use the JIT-compiled a0.");
    }

    // Each cloud's store apart, never inlined: its client library's assemblies load only when a URI of its scheme is used,
    // not on a0's start-up path for file:// or s3://.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IObjectStore ForGoogleClient(GcsStoreOptions options, Func<string, string?> environment) => new GcsObjectStore(options, environment);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IObjectStore ForAzure(string uri, AzureStoreOptions? options) => AzureBlobObjectStore.For(uri, options);

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
