namespace Flyte.Remote.Auth;

/// <summary>Base64url without padding (RFC 4648 §5), as PKCE challenges and JWT segments are written.</summary>
internal static class Base64UrlText
{
    public static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Decode(string text)
    {
        string padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }
}
