using Duende.IdentityModel.Client;

namespace Flyte.Remote.Auth;

/// <summary>
/// The token requests every flow makes, through Duende.IdentityModel; a refusal is one clear exception. A public
/// client (PKCE, device flow) has no secret, so it names itself in the form body, not in a Basic header.
/// </summary>
internal sealed class TokenEndpointClient(HttpClient http, TimeProvider time)
{
    public TimeProvider Time => time;

    public async Task<TokenSet> ClientCredentialsAsync(AuthServerInfo server, string clientId, string clientSecret, CancellationToken cancellationToken)
    {
        var request = new ClientCredentialsTokenRequest
        {
            Address = server.TokenEndpoint,
            ClientId = clientId,
            ClientSecret = clientSecret,
            Scope = server.Scope,
            Parameters = AudienceParameters(server),
        };
        var response = await SendAsync(server.TokenEndpoint, () => http.RequestClientCredentialsTokenAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
        return Check(response, server.TokenEndpoint, "client credentials", null);
    }

    public async Task<TokenSet?> RefreshAsync(AuthServerInfo server, string clientId, string refreshToken, CancellationToken cancellationToken)
    {
        var response = await SendAsync(server.TokenEndpoint, () => http.RequestRefreshTokenAsync(new RefreshTokenRequest
        {
            Address = server.TokenEndpoint,
            ClientId = clientId,
            ClientCredentialStyle = ClientCredentialStyle.PostBody,
            RefreshToken = refreshToken,
            // No scope: the refreshed token keeps what was granted (RFC 6749 §6); asking again may be refused as wider than the grant.
            Parameters = AudienceParameters(server),
        }, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (response.IsError)
        {
            ThrowIfUnavailable(response, server.TokenEndpoint, "refresh token");
            // A refused refresh token (expired, revoked) is not an error: the flow signs in again.
            return null;
        }
        return TokenSet.From(response, refreshToken, time.GetUtcNow());
    }

    public async Task<TokenSet> AuthorizationCodeAsync(AuthServerInfo server, string code, string redirectUri, string codeVerifier, CancellationToken cancellationToken)
    {
        var response = await SendAsync(server.TokenEndpoint, () => http.RequestAuthorizationCodeTokenAsync(new AuthorizationCodeTokenRequest
        {
            Address = server.TokenEndpoint,
            ClientId = server.ClientId,
            ClientCredentialStyle = ClientCredentialStyle.PostBody,
            Code = code,
            RedirectUri = redirectUri,
            CodeVerifier = codeVerifier,
            Parameters = AudienceParameters(server),
        }, cancellationToken), cancellationToken).ConfigureAwait(false);
        return Check(response, server.TokenEndpoint, "authorization code", null);
    }

    public async Task<DeviceAuthorizationResponse> DeviceAuthorizationAsync(AuthServerInfo server, CancellationToken cancellationToken)
    {
        var response = await SendAsync(server.DeviceAuthorizationEndpoint, () => http.RequestDeviceAuthorizationAsync(new DeviceAuthorizationRequest
        {
            Address = server.DeviceAuthorizationEndpoint,
            ClientId = server.ClientId,
            ClientCredentialStyle = ClientCredentialStyle.PostBody,
            Scope = server.Scope,
            Parameters = AudienceParameters(server),
        }, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (response.IsError)
        {
            ThrowIfUnavailable(response, server.DeviceAuthorizationEndpoint, "device authorization");
            throw new AuthenticationFailedException($"the identity provider refused the device authorization request ({response.Error}: {response.ErrorDescription})");
        }
        return response;
    }

    public Task<TokenResponse> DeviceTokenAsync(AuthServerInfo server, string deviceCode, CancellationToken cancellationToken) =>
        SendAsync(server.TokenEndpoint, () => http.RequestDeviceTokenAsync(new DeviceTokenRequest
        {
            Address = server.TokenEndpoint,
            ClientId = server.ClientId,
            ClientCredentialStyle = ClientCredentialStyle.PostBody,
            DeviceCode = deviceCode,
        }, cancellationToken), cancellationToken);

    public TokenSet Check(TokenResponse response, string endpoint, string grant, string? previousRefreshToken)
    {
        if (response.IsError)
        {
            ThrowIfUnavailable(response, endpoint, grant);
            string why = response.ErrorDescription is { Length: > 0 } description ? $"{response.Error}: {description}" : response.Error ?? "no answer";
            throw new AuthenticationFailedException($"the identity provider refused the {grant} request ({why})", response.Exception ?? new InvalidOperationException(why));
        }
        return TokenSet.From(response, previousRefreshToken, time.GetUtcNow());
    }

    /// <summary>flyte-sdk sends the announced audience as an extra <c>audience</c> parameter.</summary>
    public static Parameters AudienceParameters(AuthServerInfo server)
    {
        var parameters = new Parameters();
        if (server.Audience.Length > 0)
        {
            parameters.Add("audience", server.Audience);
        }
        return parameters;
    }

    /// <summary>A network failure, a server error or no answer in time: the provider may be back later, unlike a refusal.</summary>
    private static void ThrowIfUnavailable(ProtocolResponse response, string endpoint, string grant)
    {
        bool serverFailed = response.ErrorType == ResponseErrorType.Http && (int)response.HttpStatusCode >= 500;
        if (response.ErrorType == ResponseErrorType.Exception || serverFailed)
        {
            string why = response.Exception?.Message ?? $"{(int)response.HttpStatusCode} {response.Error}";
            throw new IdentityProviderUnavailableException($"the identity provider at {endpoint} did not answer the {grant} request ({why}); try again", response.Exception);
        }
    }

    /// <summary>The HTTP client's own time-out (the caller did not cancel) is the provider not answering.</summary>
    private static async Task<T> SendAsync<T>(string endpoint, Func<Task<T>> request, CancellationToken cancellationToken)
    {
        try
        {
            return await request().ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new IdentityProviderUnavailableException($"the identity provider at {endpoint} did not answer in time; try again", e);
        }
    }
}
