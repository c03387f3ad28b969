namespace Flyte.Remote.Auth;

/// <summary>
/// What a client needs to get a token from a control plane's identity provider: AuthMetadataService's
/// GetOAuth2Metadata and GetPublicClientConfig, with the user's own settings over the announced client id, scopes and
/// audience (docs/auth.md).
/// </summary>
internal sealed record AuthServerInfo
{
    /// <summary>The metadata key flyte-sdk sends the token in when the control plane names none.</summary>
    public const string DefaultHeaderKey = "authorization";

    public required string TokenEndpoint { get; init; }
    public string AuthorizationEndpoint { get; init; } = "";
    public string DeviceAuthorizationEndpoint { get; init; } = "";
    public string ClientId { get; init; } = "";
    public string RedirectUri { get; init; } = "";
    public IReadOnlyList<string> Scopes { get; init; } = [];
    public string Audience { get; init; } = "";
    public string HeaderKey { get; init; } = DefaultHeaderKey;

    /// <summary>Scopes as a token request's <c>scope</c>, or null for none.</summary>
    public string? Scope => Scopes.Count > 0 ? string.Join(' ', Scopes) : null;
}
