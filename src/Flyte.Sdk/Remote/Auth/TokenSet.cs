namespace Flyte.Remote.Auth;

/// <summary>What a flow hands back: the access token, a refresh token when the server gave one, and when it expires (null: unknown).</summary>
internal sealed record TokenSet(string AccessToken, string? RefreshToken, DateTimeOffset IssuedAt, DateTimeOffset? ExpiresAt)
{
    /// <summary>How long before expiry a token is renewed: a quarter of its lifetime, at most a minute.</summary>
    public bool NeedsRenewal(DateTimeOffset now)
    {
        if (ExpiresAt is not { } expires)
        {
            return false;
        }
        var margin = TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(1).Ticks, (expires - IssuedAt).Ticks / 4));
        return now >= expires - margin;
    }

    public static TokenSet From(Duende.IdentityModel.Client.TokenResponse response, string? previousRefreshToken, DateTimeOffset now) => new(
        response.AccessToken ?? throw new AuthenticationFailedException("the token endpoint answered without an access token"),
        // A refresh that returns no new refresh token keeps the old one usable (RFC 6749 §6).
        response.RefreshToken ?? previousRefreshToken,
        now,
        response.ExpiresIn > 0 ? now.AddSeconds(response.ExpiresIn) : null);
}
