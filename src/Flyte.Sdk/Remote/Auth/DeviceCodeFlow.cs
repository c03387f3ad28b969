
namespace Flyte.Remote.Auth;

/// <summary>
/// The device authorization grant (RFC 8628) for hosts without a browser: the person enters a code on another device
/// while this process polls the token endpoint at the interval the server asks for.
/// </summary>
internal sealed class DeviceCodeFlow(IAuthPrompt prompt) : IAuthFlow
{
    public AuthType Type => AuthType.DeviceFlow;

    public bool NeedsAuthServer => true;

    public async Task<TokenSet> AcquireAsync(AuthServerInfo? server, TokenEndpointClient tokens, CancellationToken cancellationToken)
    {
        if (server!.DeviceAuthorizationEndpoint.Length == 0)
        {
            throw new AuthenticationFailedException("the identity provider announces no device authorization endpoint: use the Pkce or ClientSecret auth type");
        }
        var authorization = await tokens.DeviceAuthorizationAsync(server, cancellationToken).ConfigureAwait(false);
        string page = authorization.VerificationUriComplete ?? authorization.VerificationUri
            ?? throw new AuthenticationFailedException("the identity provider's device authorization answer has no verification URI");
        await prompt.ShowDeviceCodeAsync(new Uri(page), authorization.UserCode ?? "", cancellationToken).ConfigureAwait(false);

        var interval = TimeSpan.FromSeconds(authorization.Interval > 0 ? authorization.Interval : 5);
        var deadline = tokens.Time.GetUtcNow().AddSeconds(authorization.ExpiresIn is > 0 and var seconds ? seconds : 300);
        while (true)
        {
            await Task.Delay(interval, tokens.Time, cancellationToken).ConfigureAwait(false);
            var response = await tokens.DeviceTokenAsync(server, authorization.DeviceCode!, cancellationToken).ConfigureAwait(false);
            switch (response.Error)
            {
                case "authorization_pending":
                    break;
                case "slow_down":
                    interval += TimeSpan.FromSeconds(5);
                    break;
                default:
                    return tokens.Check(response, server.TokenEndpoint, "device code", null);
            }
            if (tokens.Time.GetUtcNow() >= deadline)
            {
                throw new AuthenticationFailedException($"the device code was not approved in time: run the command again and enter the code at {page}");
            }
        }
    }

    public Task<TokenSet?> RefreshAsync(AuthServerInfo? server, TokenEndpointClient tokens, string refreshToken, CancellationToken cancellationToken) =>
        tokens.RefreshAsync(server!, server!.ClientId, refreshToken, cancellationToken);
}
