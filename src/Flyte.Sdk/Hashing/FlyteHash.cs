using System.Security.Cryptography;
using System.Text;

namespace Flyte.Hashing;

/// <summary>
/// flyte-sdk's <c>hash_data</c>: standard, padded base64 of a SHA-256 digest (44 characters).
/// flyte-sdk's docstrings call it hexadecimal; it is not.
/// </summary>
internal static class FlyteHash
{
    public static string Of(string data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Of(Encoding.UTF8.GetBytes(data));
    }

    public static string Of(ReadOnlySpan<byte> data)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(data, digest);
        return Convert.ToBase64String(digest);
    }
}
