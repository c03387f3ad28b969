using Duende.IdentityModel.Client;

namespace Flyte.Remote.Auth;

/// <summary>
/// The token requests every flow makes, through Duende.IdentityModel; a refusal is one clear exception. A public
/// client (PKCE, device flow) has no secret, so it names itself in the form body, not in a Basic header.
/// </summary>
internal sealed class TokenEndpointClient(HttpClient http, TimeProvider time)
{
    public HttpClient Http => http;

    public TimeProvider Time => time;

    public async Task<TokenSet> ClientCredentialsAsync(AuthServerInfo server, string clientId, string clientSecret, CancellationToken cancellationToken)
    {
        var request = new ClientCredentialsTokenRequest
        {
            Address = server.TokenEndpoint,
            ClientId = clientId,
            ClientSecret = clientSecret,
            Scope = server.Scope,
            Parameters = Audience(server),
        };
        return Check(await http.RequestClientCredentialsTokenAsync(request, cancellationToken).ConfigureAwait(false), "client credentials", null);
    }

    public async Task<TokenSet?> RefreshAsync(AuthServerInfo server, string clientId, string refreshToken, CancellationToken cancellationToken)
    {
        var response = await http.RequestRefreshTokenAsync(new RefreshTokenRequest
        {
            Address = server.TokenEndpoint,
            ClientId = clientId,
            ClientCredentialStyle = ClientCredentialStyle.PostBody,
            RefreshToken = refreshToken,
            // No scope: the refreshed token keeps what was granted (RFC 6749 §6); asking again may be refused as wider than the grant.
            Parameters = Audience(server),
        }, cancellationToken).ConfigureAwait(false);
        // A refused refresh token (expired, revoked) is not an error: the flow signs in again.
        return response.IsError ? null : TokenSet.From(response, refreshToken, time.GetUtcNow());
    }

    public async Task<TokenSet> AuthorizationCodeAsync(AuthServerInfo server, string code, string redirectUri, string codeVerifier, CancellationToken cancellationToken)
    {
        var response = await http.RequestAuthorizationCodeTokenAsync(new AuthorizationCodeTokenRequest
        {
            Address = server.TokenEndpoint,
            ClientId = server.ClientId,
            ClientCredentialStyle = ClientCredentialStyle.PostBody,
            Code = code,
            RedirectUri = redirectUri,
            CodeVerifier = codeVerifier,
            Parameters = Audience(server),
        }, cancellationToken).ConfigureAwait(false);
        return Check(response, "authorization code", null);
    }

    public Task<DeviceAuthorizationResponse> DeviceAuthorizationAsync(AuthServerInfo server, CancellationToken cancellationToken) =>
        http.RequestDeviceAuthorizationAsync(new DeviceAuthorizationRequest
        {
            Address = server.DeviceAuthorizationEndpoint,
            ClientId = server.ClientId,
            ClientCredentialStyle = ClientCredentialStyle.PostBody,
            Scope = server.Scope,
            Parameters = Audience(server),
        }, cancellationToken);

    public Task<TokenResponse> DeviceTokenAsync(AuthServerInfo server, string deviceCode, CancellationToken cancellationToken) =>
        http.RequestDeviceTokenAsync(new DeviceTokenRequest
        {
            Address = server.TokenEndpoint,
            ClientId = server.ClientId,
            ClientCredentialStyle = ClientCredentialStyle.PostBody,
            DeviceCode = deviceCode,
        }, cancellationToken);

    public TokenSet Check(TokenResponse response, string grant, string? previousRefreshToken)
    {
        if (response.IsError)
        {
            string why = response.ErrorDescription is { Length: > 0 } description ? $"{response.Error}: {description}" : response.Error ?? "no answer";
            throw new AuthenticationFailedException($"the identity provider refused the {grant} request ({why})", response.Exception ?? new InvalidOperationException(why));
        }
        return TokenSet.From(response, previousRefreshToken, time.GetUtcNow());
    }

    /// <summary>flyte-sdk sends the announced audience as an extra <c>audience</c> parameter.</summary>
    private static Parameters Audience(AuthServerInfo server)
    {
        var parameters = new Parameters();
        if (server.Audience.Length > 0)
        {
            parameters.Add("audience", server.Audience);
        }
        return parameters;
    }
}
