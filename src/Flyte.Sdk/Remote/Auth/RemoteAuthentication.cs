
namespace Flyte.Remote.Auth;

/// <summary>
/// How a client gets a token when the control plane asks for one: the <c>admin</c> section's <c>authType</c>,
/// <c>clientId</c>, secret, <c>scopes</c>, <c>audience</c> and <c>command</c>, with flyte-sdk's meanings (docs/auth.md).
/// </summary>
public sealed record RemoteAuthentication
{
    /// <summary>
    /// The flow; null when none is configured: calls then go without a token, and only a control plane that answers
    /// UNAUTHENTICATED makes the client sign in, with <see cref="AuthType.Pkce"/> as flyte-sdk does.
    /// </summary>
    public AuthType? Type { get; init; }

    /// <summary>Overrides the client id the control plane announces (GetPublicClientConfig); required for ClientSecret.</summary>
    public string? ClientId { get; init; }

    /// <summary>The secret of a confidential client (ClientSecret and API keys).</summary>
    public string? ClientSecret { get; init; }

    /// <summary>Overrides the scopes the control plane announces.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>Overrides the audience the control plane announces; sent as the token request's <c>audience</c>.</summary>
    public string? Audience { get; init; }

    /// <summary>For <see cref="AuthType.ExternalCommand"/>: the program and its arguments; its standard output is the token.</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    /// <summary>An HTTP proxy for the requests to the identity provider (<c>admin.httpProxyURL</c>).</summary>
    public string? HttpProxyUrl { get; init; }

    /// <summary>Where tokens are kept between processes, one file per endpoint readable by the user alone; null keeps them in memory only.</summary>
    public string? TokenCacheDirectory { get; init; } = DefaultTokenCacheDirectory;

    /// <summary>How a person is asked to sign in (PKCE's URL, the device flow's code).</summary>
    public IAuthPrompt Prompt { get; init; } = ConsoleAuthPrompt.Instance;

    /// <summary>The variable that moves the token cache (a CI job's own folder, say).</summary>
    public const string TokenCacheDirectoryVariable = "FLYTE_TOKEN_CACHE_DIR";

    /// <summary><c>$FLYTE_TOKEN_CACHE_DIR</c>, else <c>~/.flyte/tokens</c>, or null when there is no home folder.</summary>
    public static string? DefaultTokenCacheDirectory =>
        TokenCacheDirectoryFor(Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>The token cache of these surroundings: <c>FLYTE_TOKEN_CACHE_DIR</c>, else <c>.flyte/tokens</c> in <paramref name="homeDirectory"/>; null without either.</summary>
    /// <param name="environment">Reads an environment variable; null when unset.</param>
    public static string? TokenCacheDirectoryFor(Func<string, string?> environment, string? homeDirectory)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment(TokenCacheDirectoryVariable) is { Length: > 0 } folder)
        {
            return folder;
        }
        return string.IsNullOrEmpty(homeDirectory) ? null : Path.Combine(homeDirectory, ".flyte", "tokens");
    }

    /// <summary>An API key's client credentials (flyte-sdk uses the ClientSecret flow for them).</summary>
    public static RemoteAuthentication FromApiKey(FlyteApiKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new RemoteAuthentication { Type = AuthType.ClientSecret, ClientId = key.ClientId, ClientSecret = key.ClientSecret };
    }

    // The secret never shows in logs or assertion messages.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Type = {Type}, ClientId = {ClientId}, ClientSecret = {(ClientSecret is null ? "none" : "***")}, Scopes = [{string.Join(", ", Scopes)}], ")
            .Append($"Audience = {Audience}, Command = [{string.Join(", ", Command)}], HttpProxyUrl = {HttpProxyUrl}, TokenCacheDirectory = {TokenCacheDirectory}");
        return true;
    }
}
