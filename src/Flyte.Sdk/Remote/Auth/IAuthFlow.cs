
namespace Flyte.Remote.Auth;

/// <summary>One way of getting a token (flyte-sdk's authenticators): PKCE, device code, client secret, an external command.</summary>
internal interface IAuthFlow
{
    AuthType Type { get; }

    /// <summary>False for a flow that needs nothing from AuthMetadataService (an external command).</summary>
    bool NeedsAuthServer { get; }

    /// <summary>Runs the flow from the start (a person may be asked to sign in).</summary>
    Task<TokenSet> AcquireAsync(AuthServerInfo? server, TokenEndpointClient tokens, CancellationToken cancellationToken);

    /// <summary>A new access token from a refresh token, or null when the flow must run again.</summary>
    Task<TokenSet?> RefreshAsync(AuthServerInfo? server, TokenEndpointClient tokens, string refreshToken, CancellationToken cancellationToken);
}
