using System.Text;
using Flyte.Runtime.Configuration;
using Flyte.Remote.Auth;
using Flyte.Remote;
using Flyte.Runtime.CommandLine;
using Flyte.Runtime.Controller;
using Flyte.Runtime.Execution;

namespace Flyte.Runtime.Tests;

/// <summary>
/// Where a0's controller connects and with which credentials, as flyte-sdk's runtime decides in a pod
/// (flyte-sdk src/flyte/_initialize.py, init_in_cluster): a mounted config file first, then the eager API key, then
/// _U_EP_OVERRIDE without credentials.
/// </summary>
public sealed class ControllerCredentialsTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("flyte-a0-credentials-");

    private static string ApiKey(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void The_eager_api_key_and_the_pod_variables_are_read_as_flyte_sdk_reads_them()
    {
        A0Arguments a = CommandLines.ParseOk(CommandLines.Minimal(), CommandLines.Environment(
            ("_U_EP_OVERRIDE", "flyte-http.flyte:8090"),
            ("EAGER_API_KEY", "key-from-eager"),
            ("_U_INSECURE_SKIP_VERIFY", "true"),
            ("FLYTECTL_CONFIG", "/etc/flyte/config.yaml")));

        Assert.Equal(new ControllerSettings("flyte-http.flyte:8090", Insecure: false, UseActions: false, InsecureSkipVerify: true, ApiKey: "key-from-eager", ConfigPath: "/etc/flyte/config.yaml"), a.Controller);
    }

    [Fact]
    public void The_union_variable_wins_over_the_plain_one_and_the_key_never_shows_in_text()
    {
        A0Arguments a = CommandLines.ParseOk(CommandLines.Minimal(), CommandLines.Environment(("_UNION_EAGER_API_KEY", "union-key"), ("EAGER_API_KEY", "plain-key")));

        Assert.Equal("union-key", a.Controller.ApiKey);
        Assert.DoesNotContain("union-key", a.Controller.ToString());
    }

    [Fact]
    public void Without_credentials_the_controller_dials_the_endpoint_override_with_no_token_cache()
    {
        var options = ControlPlaneConnection.OptionsFor(new ControllerSettings("flyte-http.flyte:8090", Insecure: true, UseActions: true), _ => null);

        Assert.Equal("http://flyte-http.flyte:8090", options.Endpoint);
        Assert.Null(options.Authentication.Type);
        Assert.Null(options.Authentication.TokenCacheDirectory);
    }

    [Fact]
    public void An_api_key_gives_client_credentials_at_the_keys_own_endpoint()
    {
        var settings = new ControllerSettings("127.0.0.1:9", Insecure: false, UseActions: true, ApiKey: ApiKey("http://127.0.0.1:8090:flyte-ci:flyte-ci-secret:None"));

        var options = ControlPlaneConnection.OptionsFor(settings, _ => null);

        Assert.Equal("http://127.0.0.1:8090", options.Endpoint);
        Assert.Equal(AuthType.ClientSecret, options.Authentication.Type);
        Assert.Equal("flyte-ci", options.Authentication.ClientId);
        Assert.Equal("flyte-ci-secret", options.Authentication.ClientSecret);
        Assert.Null(options.Authentication.TokenCacheDirectory);
    }

    [Fact]
    public void A_mounted_config_file_wins_over_the_api_key_and_the_endpoint_override_over_its_endpoint()
    {
        string config = Path.Combine(_folder.FullName, "config.yaml");
        File.WriteAllText(config, """
            admin:
              endpoint: dns:///flyte.example.com
              authType: ClientSecret
              clientId: pods
              clientSecretEnvVar: POD_SECRET
              caCertFilePath: /etc/ssl/private-ca.pem
              transport: grpc-web
            """);
        var settings = new ControllerSettings("flyte-http.flyte:8090", Insecure: false, UseActions: true, ApiKey: ApiKey("other:id:secret:None"), ConfigPath: config);

        var options = ControlPlaneConnection.OptionsFor(settings, name => name == "POD_SECRET" ? "from-the-secret" : null);

        Assert.Equal("https://flyte-http.flyte:8090", options.Endpoint);
        Assert.Equal(AuthType.ClientSecret, options.Authentication.Type);
        Assert.Equal("pods", options.Authentication.ClientId);
        Assert.Equal("from-the-secret", options.Authentication.ClientSecret);
        Assert.Equal("/etc/ssl/private-ca.pem", options.CaCertFilePath);
        Assert.Equal(RemoteTransport.GrpcWeb, options.Transport);
        Assert.Null(options.Authentication.TokenCacheDirectory);
    }

    [Fact]
    public void A_bad_api_key_is_a_system_error_that_says_so()
    {
        var settings = new ControllerSettings("127.0.0.1:9", Insecure: true, UseActions: true, ApiKey: "not-a-key!");

        var error = Assert.Throws<SystemFailureException>(() => ControlPlaneConnection.OptionsFor(settings, _ => null));

        Assert.Equal("ControlPlaneSettings", error.Code);
        Assert.StartsWith("a0's EAGER_API_KEY is not an API key", error.Message);
    }

    [Fact]
    public async Task An_interactive_flow_in_a_pod_fails_with_what_to_give_the_pod()
    {
        var error = await Assert.ThrowsAsync<Flyte.Remote.Auth.AuthenticationFailedException>(
            () => HeadlessAuthPrompt.Instance.SignInAsync(new Uri("https://idp.example.com/authorize"), CancellationToken.None));

        Assert.Contains("EAGER_API_KEY", error.Message);
        Assert.Contains("FLYTECTL_CONFIG", error.Message);
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
