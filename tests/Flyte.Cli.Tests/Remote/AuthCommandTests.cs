using Flyte.Cli.Tests.Infrastructure;
using Flyte.Devbox;
using Flyte.Devbox.Auth;
using Flyte.Remote.Auth;

namespace Flyte.Cli.Tests.Remote;

/// <summary>
/// The CLI against a devbox started with authentication (a real OpenID Connect provider, oidc-provider, on loopback):
/// 'flyte create config' writes the auth settings, 'flyte login' signs in and caches the token (0600), deploy and run use
/// it, 'flyte logout' forgets it; a wrong secret is one line and exit 2.
/// </summary>
public sealed class AuthCommandTests(OidcProviderFixture oidc) : IClassFixture<OidcProviderFixture>, IAsyncLifetime
{
    // The CLI reads the secret and the token cache folder from its own surroundings: the variables are this class's, not the process's.
    private const string SecretVariable = "FLYTE_CLI_AUTH_TESTS_SECRET";

    private readonly TemporaryDirectory _folder = new();
    private HermeticEnvironment _environment = null!;
    private DevboxServer _devbox = null!;

    private string ConfigPath => _folder.Combine("config.yaml");

    private string TokenFolder => _folder.Combine("tokens");

    public async Task InitializeAsync()
    {
        _environment = new HermeticEnvironment(new Dictionary<string, string>
        {
            [RemoteAuthentication.TokenCacheDirectoryVariable] = TokenFolder,
            [SecretVariable] = OidcProviderFixture.ConfidentialClientSecret,
        });
        int port = LoopbackPorts.Free();
        string endpoint = $"http://127.0.0.1:{port}";
        _devbox = await DevboxServer.StartAsync(new DevboxOptions
        {
            DataDirectory = _folder.Combine("devbox"),
            Port = port,
            A0Command = ["dotnet", SampleOutputs.A0],
            Auth = new DevboxAuthOptions { Issuer = oidc.Issuer },
            EagerApiKey = new FlyteApiKey(endpoint, OidcProviderFixture.ConfidentialClientId, OidcProviderFixture.ConfidentialClientSecret, null).Encode(),
        });
    }

    public async Task DisposeAsync()
    {
        await _devbox.DisposeAsync();
        _environment.Dispose();
        _folder.Dispose();
    }

    private Task<CliResult> RunAsync(params string[] args) => InProcessCli.RunAsync(_environment.Cli, [.. args, "--config", ConfigPath]);

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Login_caches_a_token_that_deploy_and_run_use_and_logout_forgets_it()
    {
        var config = await InProcessCli.RunAsync("create", "config", "--endpoint", _devbox.Endpoint, "--output", ConfigPath,
            "--auth-type", "ClientSecret", "--client-id", OidcProviderFixture.ConfidentialClientId, "--client-secret-env-var", SecretVariable);
        Assert.True(config.ExitCode == 0, config.ToString());
        Assert.Contains("sign-in ClientSecret", config.Out);
        Assert.DoesNotContain(OidcProviderFixture.ConfidentialClientSecret, File.ReadAllText(ConfigPath));

        var login = await RunAsync("login");
        Assert.True(login.ExitCode == 0, login.ToString());
        Assert.StartsWith($"signed in to {_devbox.Endpoint} (ClientSecret); the token is valid until ", login.Out);
        string cached = Assert.Single(Directory.GetFiles(TokenFolder));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(cached));

        var deploy = await RunAsync("deploy", TaskAssemblies.Quickstart);
        Assert.True(deploy.ExitCode == 0, deploy.ToString());
        var run = await RunAsync("run", TaskAssemblies.Quickstart, "quickstart.MeanOfSquares", "--n", "10");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("o0: 28.5", run.Out);

        var logout = await RunAsync("logout");
        Assert.True(logout.ExitCode == 0, logout.ToString());
        Assert.Equal($"signed out of {_devbox.Endpoint}: its cached tokens are deleted", logout.Out.Trim());
        Assert.Empty(Directory.GetFiles(TokenFolder));
        Assert.Equal($"no tokens were cached for {_devbox.Endpoint}", (await RunAsync("logout")).Out.Trim());
    }

    [Fact]
    public async Task A_wrong_secret_is_one_line_naming_the_endpoint_and_the_flow_and_exit_2()
    {
        string secretFile = _folder.Combine("wrong-secret");
        File.WriteAllText(secretFile, "not-the-secret\n");
        var config = await InProcessCli.RunAsync("create", "config", "--endpoint", _devbox.Endpoint, "--output", ConfigPath, "--force",
            "--auth-type", "ClientSecret", "--client-id", OidcProviderFixture.ConfidentialClientId, "--client-secret-location", secretFile);
        Assert.True(config.ExitCode == 0, config.ToString());

        var get = await RunAsync("get", "runs");

        Assert.Equal(ExitCodes.Usage, get.ExitCode);
        string expected = $"flyte: the control plane at {_devbox.Endpoint} did not accept this client's credentials (ClientSecret flow): could not get a token with the ClientSecret flow: the identity provider refused the client credentials request (";
        Assert.True(get.Error.StartsWith(expected, StringComparison.Ordinal), get.Error);
        Assert.Contains("client authentication failed", get.Error);
        Assert.Single(get.Error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Without_credentials_for_a_secured_devbox_the_command_fails_in_one_line_instead_of_waiting_for_a_browser()
    {
        var config = await InProcessCli.RunAsync("create", "config", "--endpoint", _devbox.Endpoint, "--output", ConfigPath, "--force",
            "--auth-type", "ExternalCommand", "--auth-command", "sh", "--auth-command", "-c", "--auth-command", "echo 'not logged in' >&2; exit 1");
        Assert.True(config.ExitCode == 0, config.ToString());

        var get = await RunAsync("get", "runs");

        Assert.Equal(ExitCodes.Usage, get.ExitCode);
        Assert.EndsWith("admin.command 'sh' exited with 1: not logged in; run 'flyte login', or check admin.authType, admin.clientId and the secret in your config", get.Error.Trim());
    }
}
