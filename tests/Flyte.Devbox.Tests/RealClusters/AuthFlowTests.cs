using System.Text.Json.Nodes;
using Flyte.Devbox.Auth;
using Flyte.Devbox.Tests.EndToEnd;
using Flyte.Remote;
using Flyte.Remote.Auth;
using Flyteidl2.Common;
using ListTasksRequest = Flyteidl2.Task.ListTasksRequest;

namespace Flyte.Devbox.Tests.RealClusters;

/// <summary>
/// Every sign-in flow of the SDK against a devbox started with --auth, whose identity provider is a real OpenID
/// Connect provider (oidc-provider on loopback): each gets a token, deploys Quickstart and reads MeanOfSquares(10) =
/// 28.5, whose a0 enqueues its children with the API key the devbox gives it (EAGER_API_KEY). The provider's own pages
/// are used as a person would use them.
/// </summary>
public sealed class AuthFlowTests(OidcProviderFixture oidc) : IClassFixture<OidcProviderFixture>, IAsyncLifetime
{
    private readonly DirectoryInfo _tokens = Directory.CreateTempSubdirectory("flyte-tokens-");
    private DevboxHarness _harness = null!;
    private string _endpoint = "";

    public async Task InitializeAsync()
    {
        int port = LoopbackPorts.Free();
        int redirectPort = LoopbackPorts.Free();
        _endpoint = $"http://127.0.0.1:{port}";
        var podKey = new FlyteApiKey(_endpoint, OidcProviderFixture.ConfidentialClientId, OidcProviderFixture.ConfidentialClientSecret, null);
        string harnessToken = await oidc.ClientCredentialsTokenAsync(OidcProviderFixture.ConfidentialClientId, OidcProviderFixture.ConfidentialClientSecret, CancellationToken.None);
        _harness = await DevboxHarness.StartAsync(
            configure: options => options with
            {
                Port = port,
                Auth = new DevboxAuthOptions { Issuer = oidc.Issuer, RedirectUri = $"http://127.0.0.1:{redirectPort}/callback" },
                EagerApiKey = podKey.Encode(),
            },
            bearerToken: harnessToken);
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        _tokens.Delete(recursive: true);
    }

    private RemoteOptions Options(RemoteAuthentication authentication) => new()
    {
        Endpoint = _endpoint,
        Project = DevboxHarness.Project,
        Domain = DevboxHarness.Domain,
        Authentication = authentication with { TokenCacheDirectory = _tokens.FullName },
    };

    [Fact]
    public async Task Client_secret_gets_a_token_deploys_and_runs_a_workflow_whose_children_use_the_pods_api_key()
    {
        using var remote = FlyteRemote.Connect(Options(new RemoteAuthentication
        {
            Type = AuthType.ClientSecret,
            ClientId = OidcProviderFixture.ConfidentialClientId,
            ClientSecret = OidcProviderFixture.ConfidentialClientSecret,
            Prompt = new NobodyAtTheBrowser(),
        }));

        Assert.Equal(QuickstartThroughRemote.MeanOfSquaresOfTen, await QuickstartThroughRemote.DeployAndRunAsync(remote));
    }

    [Fact]
    public async Task An_api_key_in_flyte_sdks_format_works_as_client_credentials()
    {
        var key = new FlyteApiKey(_endpoint, OidcProviderFixture.ConfidentialClientId, OidcProviderFixture.ConfidentialClientSecret, null);
        using var remote = FlyteRemote.Connect(Options(RemoteAuthentication.FromApiKey(FlyteApiKey.Parse(key.Encode()))));

        Assert.Equal(QuickstartThroughRemote.MeanOfSquaresOfTen, await QuickstartThroughRemote.DeployAndRunAsync(remote));
    }

    [Fact]
    public async Task Device_flow_signs_in_through_the_providers_pages_then_deploys_and_runs()
    {
        var person = new BrowserStandIn(oidc);
        using var remote = FlyteRemote.Connect(Options(new RemoteAuthentication { Type = AuthType.DeviceFlow, Prompt = person }));

        Assert.Equal(QuickstartThroughRemote.MeanOfSquaresOfTen, await QuickstartThroughRemote.DeployAndRunAsync(remote));
        await person.VisitsAsync();
        Assert.Equal(1, person.DeviceCodes);
    }

    [Fact]
    public async Task Pkce_signs_in_through_a_browser_and_the_loopback_redirect_then_deploys_and_runs()
    {
        var person = new BrowserStandIn(oidc);
        using var remote = FlyteRemote.Connect(Options(new RemoteAuthentication { Type = AuthType.Pkce, Prompt = person }));

        Assert.Equal(QuickstartThroughRemote.MeanOfSquaresOfTen, await QuickstartThroughRemote.DeployAndRunAsync(remote));
        await person.VisitsAsync();
        Assert.Equal(1, person.SignIns);
    }

    [Fact]
    public async Task Without_an_auth_type_the_client_signs_in_with_pkce_only_when_the_control_plane_asks()
    {
        var person = new BrowserStandIn(oidc);
        using var remote = FlyteRemote.Connect(Options(new RemoteAuthentication { Prompt = person }));

        Assert.Equal(QuickstartThroughRemote.MeanOfSquaresOfTen, await QuickstartThroughRemote.DeployAndRunAsync(remote));
        await person.VisitsAsync();
        Assert.Equal(1, person.SignIns);
    }

    [Fact]
    public async Task An_expired_token_in_the_cache_is_refreshed_without_the_user_noticing()
    {
        var person = new BrowserStandIn(oidc);
        using (var first = FlyteRemote.Connect(Options(new RemoteAuthentication { Type = AuthType.Pkce, Prompt = person })))
        {
            await QuickstartThroughRemote.DeployAsync(first);
        }
        await person.VisitsAsync();
        string cacheFile = Assert.Single(Directory.GetFiles(_tokens.FullName));
        var cached = JsonNode.Parse(File.ReadAllText(cacheFile))!;
        string firstToken = cached["accessToken"]!.GetValue<string>();
        Assert.NotNull(cached["refreshToken"]);
        // The access token expired an hour ago; its refresh token is still good.
        cached["issuedAt"] = DateTimeOffset.UtcNow.AddHours(-2).ToString("O");
        cached["expiresAt"] = DateTimeOffset.UtcNow.AddHours(-1).ToString("O");
        File.WriteAllText(cacheFile, cached.ToJsonString());

        using var second = FlyteRemote.Connect(Options(new RemoteAuthentication { Type = AuthType.Pkce, Prompt = new NobodyAtTheBrowser() }));
        var deployment = await QuickstartThroughRemote.DeployAsync(second);
        double mean = await QuickstartThroughRemote.MeanAsync(await QuickstartThroughRemote.StartMeanAsync(second, deployment));

        Assert.Equal(QuickstartThroughRemote.MeanOfSquaresOfTen, mean);
        Assert.Equal(1, person.SignIns);
        Assert.NotEqual(firstToken, JsonNode.Parse(File.ReadAllText(cacheFile))!["accessToken"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_short_lived_token_is_renewed_before_it_expires()
    {
        using var remote = FlyteRemote.Connect(Options(new RemoteAuthentication
        {
            Type = AuthType.ClientSecret,
            ClientId = OidcProviderFixture.ShortLivedClientId,
            ClientSecret = OidcProviderFixture.ShortLivedClientSecret,
            Prompt = new NobodyAtTheBrowser(),
        }));
        var deployment = await QuickstartThroughRemote.DeployAsync(remote);

        // The provider's tokens for this client live 4 seconds; the first one is long gone by the next call.
        await Task.Delay(TimeSpan.FromSeconds(5));

        Assert.Equal(QuickstartThroughRemote.MeanOfSquaresOfTen, await QuickstartThroughRemote.MeanAsync(await QuickstartThroughRemote.StartMeanAsync(remote, deployment)));
    }

    [Fact]
    public async Task An_external_command_that_prints_a_token_works()
    {
        string token = await oidc.ClientCredentialsTokenAsync(OidcProviderFixture.ConfidentialClientId, OidcProviderFixture.ConfidentialClientSecret, CancellationToken.None);
        string script = Path.Combine(_tokens.FullName, "print-token.sh");
        File.WriteAllText(script, $"#!/bin/sh\necho '{token}'\n");
        using var remote = FlyteRemote.Connect(Options(new RemoteAuthentication { Type = AuthType.ExternalCommand, Command = ["sh", script], Prompt = new NobodyAtTheBrowser() }));

        Assert.Equal(QuickstartThroughRemote.MeanOfSquaresOfTen, await QuickstartThroughRemote.DeployAndRunAsync(remote));
    }

    [Fact]
    public async Task A_forged_token_is_refused_with_one_clear_line_and_changes_nothing()
    {
        string script = Path.Combine(_tokens.FullName, "forged-token.sh");
        File.WriteAllText(script, "#!/bin/sh\necho 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJtYWxsb3J5In0.c2lnbmF0dXJl'\n");
        using var remote = FlyteRemote.Connect(Options(new RemoteAuthentication { Type = AuthType.ExternalCommand, Command = ["sh", script], Prompt = new NobodyAtTheBrowser() }));

        var error = await Assert.ThrowsAsync<FlyteRemoteException>(() => QuickstartThroughRemote.DeployAsync(remote));

        Assert.StartsWith($"the control plane at {_endpoint} did not accept this client's credentials (ExternalCommand flow): ", error.Message);
        Assert.EndsWith("run 'flyte login', or check admin.authType, admin.clientId and the secret in your config", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        var tasks = await _harness.Tasks.ListTasksAsync(new ListTasksRequest { ProjectId = new ProjectIdentifier { Name = DevboxHarness.Project, Domain = DevboxHarness.Domain } });
        Assert.Empty(tasks.Tasks);
    }

    [Fact]
    public async Task Without_a_token_the_devboxs_refusal_reaches_the_user_as_one_line()
    {
        using var remote = FlyteRemote.Connect(Options(new RemoteAuthentication { Prompt = new NobodyAtTheBrowser() }));

        var error = await Assert.ThrowsAsync<FlyteRemoteException>(() => QuickstartThroughRemote.DeployAsync(remote));

        Assert.StartsWith($"the control plane at {_endpoint} did not accept this client's credentials (Pkce flow): could not get a token with the Pkce flow", error.Message);
        Assert.Contains("no sign-in was expected", error.Message);
    }
}
