using System.Security.Cryptography;
using System.Text;

namespace Flyte.Hashing;

/// <summary>
/// flyte-sdk's <c>hash_data</c>: standard, padded base64 of a SHA-256 digest (44 characters).
/// flyte-sdk's docstrings call it hexadecimal; it is not.
/// </summary>
internal static class FlyteHash
{
    // Every child call is hashed. On Linux a one-shot SHA256.HashData sets up OpenSSL's digest each time; a hash the
    // thread keeps is only reset.
    [ThreadStatic]
    private static IncrementalHash? t_sha256;

    public static string Of(string data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Of(Encoding.UTF8.GetBytes(data));
    }

    public static string Of(ReadOnlySpan<byte> data)
    {
        var sha256 = t_sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha256.AppendData(data);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        sha256.GetHashAndReset(digest);
        return Convert.ToBase64String(digest);
    }
}
