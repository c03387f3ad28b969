using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Flyte.Devbox.Tests.Auth;

/// <summary>
/// The provider's flows, end to end, with plain HTTP posts for the client's side: a sign-in through its pages gives a
/// code that a PKCE token request exchanges (and a refresh token that refreshes), and an approved device code polls
/// into a token. Every access token is a JWT for urn:flyte.
/// </summary>
public sealed class OidcProviderFixtureTests(OidcProviderFixture oidc) : IClassFixture<OidcProviderFixture>
{
    [Fact]
    public async Task Client_credentials_give_a_jwt_for_the_audience()
    {
        string token = await oidc.ClientCredentialsTokenAsync(OidcProviderFixture.ConfidentialClientId, OidcProviderFixture.ConfidentialClientSecret, CancellationToken.None);

        var claims = Claims(token);
        Assert.Equal(OidcProviderFixture.Audience, claims.GetProperty("aud").GetString());
        Assert.Equal(oidc.Issuer, claims.GetProperty("iss").GetString());
    }

    [Fact]
    public async Task Short_lived_client_tokens_live_four_seconds()
    {
        string token = await oidc.ClientCredentialsTokenAsync(OidcProviderFixture.ShortLivedClientId, OidcProviderFixture.ShortLivedClientSecret, CancellationToken.None);

        var claims = Claims(token);
        Assert.Equal(4, claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64());
    }

    [Theory]
    [InlineData(53593)]
    [InlineData(8088)]
    public async Task Sign_in_gives_a_code_that_pkce_exchanges_for_tokens_on_any_loopback_port(int port)
    {
        string verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        string challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        string redirectUri = $"http://127.0.0.1:{port}/callback";
        var authorize = new Uri($"{oidc.AuthorizationEndpoint}?" + Query(new Dictionary<string, string>
        {
            ["client_id"] = OidcProviderFixture.PublicClientId,
            ["response_type"] = "code",
            ["redirect_uri"] = redirectUri,
            ["scope"] = "openid offline_access all",
            ["state"] = "state-42",
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
        }));

        Uri callback = await oidc.SignInAsync(authorize, CancellationToken.None);

        Assert.StartsWith(redirectUri + "?", callback.AbsoluteUri, StringComparison.Ordinal);
        var parameters = Parameters(callback.Query);
        Assert.Equal("state-42", parameters["state"]);
        using var tokens = await PostAsync(oidc.TokenEndpoint, new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = parameters["code"],
            ["redirect_uri"] = redirectUri,
            ["client_id"] = OidcProviderFixture.PublicClientId,
            ["code_verifier"] = verifier,
        });
        Assert.Equal(OidcProviderFixture.Audience, Claims(tokens.RootElement.GetProperty("access_token").GetString()!).GetProperty("aud").GetString());

        using var refreshed = await PostAsync(oidc.TokenEndpoint, new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = tokens.RootElement.GetProperty("refresh_token").GetString()!,
            ["client_id"] = OidcProviderFixture.PublicClientId,
        });
        Assert.Equal(OidcProviderFixture.Audience, Claims(refreshed.RootElement.GetProperty("access_token").GetString()!).GetProperty("aud").GetString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_approved_device_code_polls_into_a_token(bool complete)
    {
        using var device = await PostAsync(oidc.DeviceAuthorizationEndpoint, new Dictionary<string, string>
        {
            ["client_id"] = OidcProviderFixture.PublicClientId,
            ["scope"] = "openid offline_access all",
        });
        string deviceCode = device.RootElement.GetProperty("device_code").GetString()!;
        var poll = new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:device_code",
            ["device_code"] = deviceCode,
            ["client_id"] = OidcProviderFixture.PublicClientId,
        };
        using (var pending = await PostAsync(oidc.TokenEndpoint, poll, expectSuccess: false))
        {
            Assert.Equal("authorization_pending", pending.RootElement.GetProperty("error").GetString());
        }

        await oidc.ApproveDeviceAsync(
            device.RootElement.GetProperty(complete ? "verification_uri_complete" : "verification_uri").GetString()!,
            device.RootElement.GetProperty("user_code").GetString()!,
            CancellationToken.None);

        using var tokens = await PostAsync(oidc.TokenEndpoint, poll);
        Assert.Equal(OidcProviderFixture.Audience, Claims(tokens.RootElement.GetProperty("access_token").GetString()!).GetProperty("aud").GetString());
        Assert.True(tokens.RootElement.TryGetProperty("refresh_token", out _));
    }

    private static async Task<JsonDocument> PostAsync(string url, Dictionary<string, string> form, bool expectSuccess = true)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(url, new FormUrlEncodedContent(form));
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode == expectSuccess, $"POST {url}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body);
    }

    private static JsonElement Claims(string jwt)
    {
        string payload = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
        return JsonDocument.Parse(Convert.FromBase64String(payload)).RootElement.Clone();
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Query(Dictionary<string, string> parameters) =>
        string.Join('&', parameters.Select(parameter => $"{Uri.EscapeDataString(parameter.Key)}={Uri.EscapeDataString(parameter.Value)}"));

    private static Dictionary<string, string> Parameters(string query) => query.TrimStart('?').Split('&')
        .Select(pair => pair.Split('=', 2))
        .ToDictionary(pair => Uri.UnescapeDataString(pair[0]), pair => Uri.UnescapeDataString(pair[1]), StringComparer.Ordinal);
}
