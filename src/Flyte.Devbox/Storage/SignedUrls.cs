using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Flyte.Devbox.Storage;

/// <summary>
/// Expiring URLs for uploading and downloading devbox objects, signed with HMAC-SHA256:
/// <c>{base}/storage/{path}?op=put&amp;expires={unix seconds}&amp;md5={base64}&amp;sig={base64url}</c>.
/// The signature covers the operation, the expiry, the MD5 and the path, so none of them can be changed.
/// </summary>
public sealed class SignedUrls
{
    public const string RoutePrefix = "/storage";
    public const string OperationParameter = "op";
    public const string ExpiresParameter = "expires";
    public const string Md5Parameter = "md5";
    public const string SignatureParameter = "sig";

    /// <summary>The smallest key accepted: as long as the HMAC-SHA256 output.</summary>
    public const int MinimumKeyLength = 32;

    private readonly byte[] _key;
    private readonly Func<string> _baseAddress;
    private readonly TimeProvider _time;

    /// <param name="key">The secret signing key (see <see cref="SigningKeyFile"/>).</param>
    /// <param name="baseAddress">
    /// The devbox's HTTP address, e.g. <c>http://127.0.0.1:8090</c>; asked for each URL because the port is known
    /// only once the server has bound it.
    /// </param>
    /// <param name="time">The clock that expiry is checked against.</param>
    public SignedUrls(byte[] key, Func<string> baseAddress, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(baseAddress);
        if (key.Length < MinimumKeyLength)
        {
            throw new ArgumentException($"A signing key needs at least {MinimumKeyLength} bytes; this one has {key.Length}.", nameof(key));
        }
        _key = key.ToArray();
        _baseAddress = baseAddress;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>A URL that accepts one HTTP PUT of content whose MD5 is <paramref name="contentMd5"/>, until <paramref name="expiresAt"/>.</summary>
    public string ForUpload(string relativePath, ReadOnlySpan<byte> contentMd5, DateTimeOffset expiresAt)
    {
        if (contentMd5.Length != MD5.HashSizeInBytes)
        {
            throw new ArgumentException($"An MD5 digest has {MD5.HashSizeInBytes} bytes; this one has {contentMd5.Length}.", nameof(contentMd5));
        }
        return Create(StorageOperation.Put, relativePath, Convert.ToBase64String(contentMd5), expiresAt);
    }

    /// <summary>A URL that serves HTTP GETs of the object until <paramref name="expiresAt"/>.</summary>
    public string ForDownload(string relativePath, DateTimeOffset expiresAt) =>
        Create(StorageOperation.Get, relativePath, md5: "", expiresAt);

    /// <summary>
    /// Checks a request's query values against the signature; every value is as received (null when absent).
    /// The comparison takes the same time wherever the signatures differ.
    /// </summary>
    public SignatureCheck Check(StorageOperation operation, string relativePath, string? expires, string? md5, string? signature)
    {
        if (expires is null || signature is null
            || !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out long expiresUnix))
        {
            return SignatureCheck.Invalid;
        }

        Span<byte> presented = stackalloc byte[HMACSHA256.HashSizeInBytes];
        // Too long a signature does not fit the buffer, and the decode fails.
        if (!Base64Url.IsValid(signature)
            || !Base64Url.TryDecodeFromChars(signature, presented, out int written)
            || written != HMACSHA256.HashSizeInBytes)
        {
            return SignatureCheck.Invalid;
        }

        var expected = Sign(operation, relativePath, expiresUnix, md5 ?? "");
        if (!CryptographicOperations.FixedTimeEquals(expected, presented))
        {
            return SignatureCheck.Invalid;
        }
        return _time.GetUtcNow().ToUnixTimeSeconds() > expiresUnix ? SignatureCheck.Expired : SignatureCheck.Valid;
    }

    /// <summary>The query value that names <paramref name="operation"/>.</summary>
    public static string OperationName(StorageOperation operation) => operation == StorageOperation.Put ? "put" : "get";

    private string Create(StorageOperation operation, string relativePath, string md5, DateTimeOffset expiresAt)
    {
        ObjectPath.Validate(relativePath, nameof(relativePath));
        long expires = expiresAt.ToUnixTimeSeconds();
        var signature = Base64Url.EncodeToString(Sign(operation, relativePath, expires, md5));
        return $"{_baseAddress().TrimEnd('/')}{RoutePrefix}/{ObjectPath.Escape(relativePath)}"
            + $"?{OperationParameter}={OperationName(operation)}"
            + $"&{ExpiresParameter}={expires.ToString(CultureInfo.InvariantCulture)}"
            + $"&{Md5Parameter}={Uri.EscapeDataString(md5)}"
            + $"&{SignatureParameter}={signature}";
    }

    private byte[] Sign(StorageOperation operation, string relativePath, long expiresUnix, string md5)
    {
        // Newlines separate the fields: none of them can contain one (paths reject control characters).
        var message = $"{OperationName(operation)}\n{expiresUnix.ToString(CultureInfo.InvariantCulture)}\n{md5}\n{relativePath}";
        return HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(message));
    }
}
