using System.Globalization;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Flyte.Devbox.Auth;

/// <summary>One line for a caller whose token was refused, saying what was wrong with it (and nothing it could use to forge one).</summary>
internal static class BearerTokenFailures
{
    public static string Missing(DevboxAuthOptions options) =>
        $"no bearer token: this devbox needs '{options.AuthorizationMetadataKey}: Bearer <access token>' with a token from {options.Issuer}";

    /// <param name="token">The token as presented, for what the exceptions keep to themselves (they hide claims as personal data).</param>
    public static string Describe(Exception? failure, DevboxAuthOptions options, string? token) => failure switch
    {
        null => Missing(options),
        SecurityTokenExpiredException expired =>
            $"the bearer token expired at {expired.Expires.ToString("u", CultureInfo.InvariantCulture)}; get a new one from {options.Issuer}",
        SecurityTokenNotYetValidException => "the bearer token is not valid yet: its nbf is in the future (is a clock wrong?)",
        SecurityTokenInvalidAudienceException =>
            $"the bearer token is for audience '{Claim(token, jwt => string.Join("', '", jwt.Audiences))}', not this devbox's '{options.Audience}'",
        SecurityTokenInvalidIssuerException =>
            $"the bearer token is from issuer '{Claim(token, jwt => jwt.Issuer)}', not this devbox's '{options.Issuer}'",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException =>
            $"the bearer token's signature is invalid: no key of {options.Issuer} signed it",
        SecurityTokenMalformedException or ArgumentException => "the bearer token is not a JWT",
        SecurityTokenNoExpirationException => "the bearer token has no expiry (exp)",
        _ when failure.Message.Contains("IDX20803", StringComparison.Ordinal) =>
            $"the bearer token cannot be checked now: the issuer {options.Issuer} does not answer for its keys",
        _ => $"the bearer token is invalid: {FirstLine(failure.Message)}",
    };

    private static string Claim(string? token, Func<JsonWebToken, string> read)
    {
        try
        {
            return token is null ? "(none)" : read(new JsonWebToken(token)) is { Length: > 0 } value ? value : "(none)";
        }
        catch (ArgumentException)
        {
            return "(unreadable)";
        }
    }

    private static string FirstLine(string message) => message.ReplaceLineEndings("\n").Split('\n')[0];
}
