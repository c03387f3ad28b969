
namespace Flyte.Remote.Auth;

/// <summary>A confidential client's id and secret exchanged for a token (OAuth 2.0 client credentials); API keys use it too.</summary>
internal sealed class ClientSecretFlow(string clientId, string clientSecret) : IAuthFlow
{
    public AuthType Type => AuthType.ClientSecret;

    public bool NeedsAuthServer => true;

    public Task<TokenSet> AcquireAsync(AuthServerInfo? server, TokenEndpointClient tokens, CancellationToken cancellationToken) =>
        tokens.ClientCredentialsAsync(server!, clientId, clientSecret, cancellationToken);

    // A new client-credentials grant is as cheap as a refresh and needs no refresh token.
    public Task<TokenSet?> RefreshAsync(AuthServerInfo? server, TokenEndpointClient tokens, string refreshToken, CancellationToken cancellationToken) =>
        Task.FromResult<TokenSet?>(null);
}
