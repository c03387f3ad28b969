using System.Net;
using System.Security.Cryptography;
using System.Text;
using Duende.IdentityModel;
using Duende.IdentityModel.Client;

namespace Flyte.Remote.Auth;

/// <summary>
/// The authorization code grant with PKCE (RFC 7636) for a native app (RFC 8252): a browser signs the person in and
/// redirects to a listener on this machine's loopback, at the redirect URI the control plane announces.
/// </summary>
internal sealed class PkceFlow(IAuthPrompt prompt) : IAuthFlow
{
    /// <summary>How long the listener waits for the browser's redirect.</summary>
    private static readonly TimeSpan SignInTimeout = TimeSpan.FromMinutes(5);

    public AuthType Type => AuthType.Pkce;

    public bool NeedsAuthServer => true;

    public async Task<TokenSet> AcquireAsync(AuthServerInfo? server, TokenEndpointClient tokens, CancellationToken cancellationToken)
    {
        if (server!.AuthorizationEndpoint.Length == 0)
        {
            throw new AuthenticationFailedException("the identity provider announces no authorization endpoint: use the ClientSecret or DeviceFlow auth type");
        }
        var redirect = LoopbackRedirect(server.RedirectUri);
        string state = CryptoRandom.CreateUniqueId(16);
        string verifier = CryptoRandom.CreateUniqueId(32);
        string challenge = Base64UrlText.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        string url = new RequestUrl(server.AuthorizationEndpoint).CreateAuthorizeUrl(
            clientId: server.ClientId, responseType: "code", scope: server.Scope, redirectUri: server.RedirectUri, state: state,
            codeChallenge: challenge, codeChallengeMethod: "S256", extra: TokenEndpointClient.AudienceParameters(server));

        using var listener = new HttpListener();
        listener.Prefixes.Add($"{redirect.Scheme}://{redirect.Authority}/");
        try
        {
            listener.Start();
        }
        catch (HttpListenerException e)
        {
            throw new AuthenticationFailedException($"cannot listen for the sign-in redirect at {server.RedirectUri} ({e.Message}): free that port, or use the DeviceFlow auth type", e);
        }
        await prompt.SignInAsync(new Uri(url), cancellationToken).ConfigureAwait(false);
        var response = await ReceiveRedirectAsync(listener, redirect.AbsolutePath, cancellationToken).ConfigureAwait(false);
        if (response.IsError)
        {
            throw new AuthenticationFailedException($"sign-in failed at the identity provider ({response.Error}: {response.ErrorDescription})");
        }
        if (response.State != state || response.Code is not { Length: > 0 } code)
        {
            throw new AuthenticationFailedException("the sign-in redirect did not match this sign-in (state or code missing): try again");
        }
        return await tokens.AuthorizationCodeAsync(server, code, server.RedirectUri, verifier, cancellationToken).ConfigureAwait(false);
    }

    public Task<TokenSet?> RefreshAsync(AuthServerInfo? server, TokenEndpointClient tokens, string refreshToken, CancellationToken cancellationToken) =>
        tokens.RefreshAsync(server!, server!.ClientId, refreshToken, cancellationToken);

    private static Uri LoopbackRedirect(string redirectUri)
    {
        if (!Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || !uri.IsLoopback)
        {
            throw new AuthenticationFailedException(
                $"the control plane's redirect URI '{redirectUri}' is not an http loopback address this machine can listen on: use the DeviceFlow auth type");
        }
        return uri;
    }

    /// <summary>Answers requests until the redirect arrives at <paramref name="path"/>; the browser gets a page saying how it went.</summary>
    private static async Task<AuthorizeResponse> ReceiveRedirectAsync(HttpListener listener, string path, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(SignInTimeout);
        using var stop = timeout.Token.Register(listener.Stop);
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException && timeout.IsCancellationRequested)
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw new AuthenticationFailedException($"no sign-in arrived within {SignInTimeout.TotalMinutes:0} minutes: run the command again", e);
            }
            var request = context.Request.Url!;
            if (!string.Equals(request.AbsolutePath.TrimEnd('/'), path.TrimEnd('/'), StringComparison.Ordinal))
            {
                context.Response.StatusCode = 404;
                context.Response.Close();
                continue;
            }
            var response = new AuthorizeResponse(request.AbsoluteUri);
            await AnswerAsync(context.Response, response.IsError ? $"Sign-in failed: {response.Error}. You can close this tab." : "Signed in to Flyte. You can close this tab.").ConfigureAwait(false);
            return response;
        }
    }

    private static async Task AnswerAsync(HttpListenerResponse response, string text)
    {
        byte[] body = Encoding.UTF8.GetBytes($"<!doctype html><html><body><p>{WebUtility.HtmlEncode(text)}</p></body></html>");
        response.ContentType = "text/html; charset=utf-8";
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body).ConfigureAwait(false);
        response.Close();
    }
}
