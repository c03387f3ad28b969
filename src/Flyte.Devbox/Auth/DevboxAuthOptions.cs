namespace Flyte.Devbox.Auth;

/// <summary>
/// Who may call the devbox: bearer JWTs from one OpenID Connect issuer, for one audience (docs/devbox-auth.md). The
/// public-client settings are not checked by the devbox: it hands them to CLIs and SDKs through
/// AuthMetadataService.GetPublicClientConfig, as a Flyte 2 backend does, so they know how to sign a person in.
/// </summary>
public sealed record DevboxAuthOptions
{
    /// <summary>The default audience: the resource identifier a Flyte API is registered under at the identity provider.</summary>
    public const string DefaultAudience = "urn:flyte";

    public const string DefaultClientId = "flytectl";

    /// <summary>flytectl's loopback callback; the port is the one Flyte's CLIs have always used.</summary>
    public const string DefaultRedirectUri = "http://127.0.0.1:53593/callback";

    public const string DefaultAuthorizationMetadataKey = "authorization";

    /// <summary>The issuer URL (<c>https://…</c>; <c>http://</c> only on loopback): its discovery document and keys are read from there.</summary>
    public required string Issuer { get; init; }

    /// <summary>The <c>aud</c> every access token must carry.</summary>
    public string Audience { get; init; } = DefaultAudience;

    /// <summary>The public (PKCE, device flow) client CLIs and SDKs sign people in with.</summary>
    public string ClientId { get; init; } = DefaultClientId;

    public string RedirectUri { get; init; } = DefaultRedirectUri;

    /// <summary>What the public client asks for: an ID token, a refresh token and the API's scope.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = ["openid", "offline_access", "all"];

    /// <summary>The gRPC metadata key (HTTP header) the token is sent in, as <c>Bearer &lt;token&gt;</c>.</summary>
    public string AuthorizationMetadataKey { get; init; } = DefaultAuthorizationMetadataKey;

    /// <summary>How far the devbox's clock may be from the issuer's; kept small, so a short-lived token expires when it says.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(2);
}
