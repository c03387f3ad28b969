using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Flyte.Tests.Shared;

/// <summary>
/// A real OpenID Connect provider for the tests: the npm package oidc-provider run by tools/oidc/server.mjs with node on
/// 127.0.0.1, on a port the OS picks. Its access tokens are JWTs for <see cref="Audience"/>. Its clients: a confidential
/// one (client credentials), one whose access tokens live 4 seconds, and the public native client of a CLI (PKCE,
/// authorization code from any loopback port, device flow, refresh tokens). Its own login and consent pages take any
/// login; <see cref="SignInAsync"/> and <see cref="ApproveDeviceAsync"/> go through them as a person in a browser would.
/// </summary>
public sealed partial class OidcProviderFixture : IAsyncLifetime
{
    public const string Audience = "urn:flyte";

    /// <summary>Another API of the same issuer: a token for it is a real token with the wrong audience.</summary>
    public const string OtherAudience = "urn:other-api";
    public const string ConfidentialClientId = "flyte-ci";
    public const string ConfidentialClientSecret = "flyte-ci-secret";
    public const string ShortLivedClientId = "flyte-ci-short";
    public const string ShortLivedClientSecret = "flyte-ci-short-secret";
    public const string PublicClientId = "flytectl";

    /// <summary>The public client's registered redirect URI; as a native client it may use it with any port.</summary>
    public const string PublicClientRedirectUri = "http://127.0.0.1/callback";

    /// <summary>What the browser stand-ins type into the login page (the provider takes any).</summary>
    public const string UserLogin = "flyte-user";

    private const int MaxPagesPerFlow = 20;

    private ListeningProcess? server;

    /// <summary><c>http://127.0.0.1:&lt;port&gt;</c>, as in the tokens' <c>iss</c>.</summary>
    public string Issuer { get; private set; } = "";

    public string AuthorizationEndpoint { get; private set; } = "";

    public string TokenEndpoint { get; private set; } = "";

    public string DeviceAuthorizationEndpoint { get; private set; } = "";

    public string JwksUri { get; private set; } = "";

    public async Task InitializeAsync()
    {
        string toolDirectory = NpmTool.Directory("oidc");
        string entryPoint = Path.Combine(toolDirectory, "node_modules", "oidc-provider", "package.json");
        await NpmTool.EnsureInstalledAsync(toolDirectory, entryPoint);

        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { Path.Combine(toolDirectory, "server.mjs") },
            WorkingDirectory = toolDirectory,
        };
        server = await ListeningProcess.StartAsync("oidc-provider", start, ListeningLine());
        Issuer = server.ReadyLine.Groups["issuer"].Value;
        using var http = new HttpClient();
        using var discovery = JsonDocument.Parse(await http.GetStringAsync($"{Issuer}/.well-known/openid-configuration"));
        AuthorizationEndpoint = discovery.RootElement.GetProperty("authorization_endpoint").GetString()!;
        TokenEndpoint = discovery.RootElement.GetProperty("token_endpoint").GetString()!;
        DeviceAuthorizationEndpoint = discovery.RootElement.GetProperty("device_authorization_endpoint").GetString()!;
        JwksUri = discovery.RootElement.GetProperty("jwks_uri").GetString()!;
    }

    public Task DisposeAsync()
    {
        server?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>An access token for <see cref="Audience"/> for a confidential client, by the client credentials grant (a plain form post).</summary>
    public Task<string> ClientCredentialsTokenAsync(string clientId, string secret, CancellationToken cancellationToken) =>
        ClientCredentialsTokenAsync(clientId, secret, Audience, cancellationToken);

    /// <summary>An access token for the resource (its audience) for a confidential client, by the client credentials grant.</summary>
    public async Task<string> ClientCredentialsTokenAsync(string clientId, string secret, string resource, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, TokenEndpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["resource"] = resource }),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}")));
        using var response = await http.SendAsync(request, cancellationToken);
        string body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"client credentials for {clientId}: {(int)response.StatusCode} {body}");
        }
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>
    /// Opens the authorization URL, logs in and consents on the provider's pages, and returns where the provider finally
    /// sends the browser: the client's redirect URI with <c>code</c> and <c>state</c> in its query. That last URL is
    /// not requested (nothing listens there in a test).
    /// </summary>
    public async Task<Uri> SignInAsync(Uri authorizeUrl, CancellationToken cancellationToken)
    {
        using var browser = new Browser(userCode: null);
        Uri? leftProvider = null;
        await browser.BrowseAsync(new HttpRequestMessage(HttpMethod.Get, authorizeUrl), redirect =>
        {
            if (IsProvider(redirect))
            {
                return false;
            }
            leftProvider = redirect;
            return true;
        }, page => throw new InvalidOperationException($"sign-in stopped at a page without a form: {page}"), cancellationToken);
        return leftProvider ?? throw new InvalidOperationException("sign-in ended without a redirect to the client");
    }

    /// <summary>
    /// Opens the device flow's verification URI (or its complete form, with the code in it), enters the user code,
    /// logs in and consents, as the person at the device's side would. Throws unless the provider reports success.
    /// </summary>
    public async Task ApproveDeviceAsync(string verificationUriOrComplete, string userCode, CancellationToken cancellationToken)
    {
        using var browser = new Browser(userCode);
        await browser.BrowseAsync(new HttpRequestMessage(HttpMethod.Get, verificationUriOrComplete),
            redirect => IsProvider(redirect)
                ? false
                : throw new InvalidOperationException($"device approval left the provider for {redirect}"),
            page =>
            {
                if (!page.Contains("Sign-in Success", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"device approval ended at a page other than the provider's success page: {page}");
                }
            },
            cancellationToken);
    }

    private bool IsProvider(Uri uri) => Uri.Compare(uri, new Uri(Issuer), UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    /// <summary>A cookie-keeping HTTP client that follows redirects by hand and submits each page's form, filled in as a person would.</summary>
    private sealed class Browser(string? userCode) : IDisposable
    {
        private readonly HttpClientHandler handler = new() { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        private HttpClient? http;

        /// <param name="isDone">Told of every redirect; true ends the flow there, without following it.</param>
        /// <param name="onPageWithoutForm">Told of a page with no form to submit, where the flow ends; it throws unless that is the end expected.</param>
        public async Task BrowseAsync(HttpRequestMessage request, Func<Uri, bool> isDone, Action<string> onPageWithoutForm, CancellationToken cancellationToken)
        {
            http ??= new HttpClient(handler);
            var next = request;
            for (int page = 0; page < MaxPagesPerFlow; page++)
            {
                using var sent = next;
                using var response = await http.SendAsync(sent, cancellationToken);
                Uri current = sent.RequestUri!;
                if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    var target = new Uri(current, location);
                    if (isDone(target))
                    {
                        return;
                    }
                    next = new HttpRequestMessage(HttpMethod.Get, target);
                    continue;
                }
                string html = await response.Content.ReadAsStringAsync(cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"{sent.Method} {current}: {(int)response.StatusCode} {html}");
                }
                if (FormElement().Match(html) is not { Success: true } form)
                {
                    onPageWithoutForm(html);
                    return;
                }
                next = Submit(current, form);
            }
            throw new InvalidOperationException($"the flow did not end within {MaxPagesPerFlow} pages");
        }

        private HttpRequestMessage Submit(Uri page, Match form)
        {
            string attributes = form.Groups["attributes"].Value;
            var action = new Uri(page, WebUtility.HtmlDecode(Attribute(attributes, "action") ?? page.AbsoluteUri));
            var fields = new List<KeyValuePair<string, string>>();
            foreach (Match input in InputElement().Matches(form.Groups["body"].Value))
            {
                string inputAttributes = input.Groups["attributes"].Value;
                if (Attribute(inputAttributes, "name") is not { } name)
                {
                    continue;
                }
                string value = WebUtility.HtmlDecode(Attribute(inputAttributes, "value") ?? "");
                fields.Add(new(name, name switch
                {
                    "login" => UserLogin,
                    "password" => "any password",
                    "user_code" when value.Length == 0 => userCode ?? throw new InvalidOperationException("the page asks for a user code and none was given"),
                    _ => value,
                }));
            }
            return string.Equals(Attribute(attributes, "method"), "post", StringComparison.OrdinalIgnoreCase)
                ? new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent(fields) }
                : new HttpRequestMessage(HttpMethod.Get, new UriBuilder(action) { Query = string.Join('&', fields.Select(field => $"{Uri.EscapeDataString(field.Key)}={Uri.EscapeDataString(field.Value)}")) }.Uri);
        }

        private static string? Attribute(string attributes, string name) =>
            Regex.Match(attributes, $"(?:^|\\s){name}\\s*=\\s*\"(?<value>[^\"]*)\"", RegexOptions.IgnoreCase) is { Success: true } match
                ? match.Groups["value"].Value
                : null;

        public void Dispose()
        {
            http?.Dispose();
            handler.Dispose();
        }
    }

    [GeneratedRegex(@"oidc-provider listening on (?<issuer>http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();

    [GeneratedRegex(@"<form\b(?<attributes>[^>]*)>(?<body>.*?)</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex FormElement();

    [GeneratedRegex(@"<input\b(?<attributes>[^>]*)>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex InputElement();
}
