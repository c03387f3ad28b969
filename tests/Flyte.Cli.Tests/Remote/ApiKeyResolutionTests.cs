using System.Text;
using Flyte.Cli.Remote;
using Flyte.Cli.Tests.Infrastructure;
using Flyte.Runtime.Configuration;
using Flyte.Remote.Auth;
using Flyte.Remote;

namespace Flyte.Cli.Tests.Remote;

/// <summary>FLYTE_API_KEY, as flyte-sdk's CLI reads it: the key's endpoint in lieu of the config file's, its client credentials.</summary>
public sealed class ApiKeyResolutionTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string Key(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static RemoteOptions Resolve(ControlPlaneSettings settings, Dictionary<string, string> variables)
    {
        using var environment = new HermeticEnvironment(variables);
        return ControlPlane.Resolve(settings, environment.Cli);
    }

    [Fact]
    public void The_keys_endpoint_and_credentials_replace_the_config_files()
    {
        string config = _folder.Combine("config.yaml");
        File.WriteAllText(config, "admin:\n  endpoint: dns:///other.example.com\n  authType: Pkce\n");
        var environment = new Dictionary<string, string> { ["FLYTE_API_KEY"] = Key("flyte.example.com:ci-app:s3cr3t:acme") };

        var options = Resolve(new ControlPlaneSettings(config, null, null, null), environment);

        Assert.Equal("https://flyte.example.com", options.Endpoint);
        Assert.Equal("acme", options.Org);
        Assert.Equal(AuthType.ClientSecret, options.Authentication.Type);
        Assert.Equal("ci-app", options.Authentication.ClientId);
        Assert.Equal("s3cr3t", options.Authentication.ClientSecret);
    }

    [Fact]
    public void The_endpoint_option_still_wins_over_the_key()
    {
        var environment = new Dictionary<string, string> { ["FLYTE_API_KEY"] = Key("flyte.example.com:ci-app:s3cr3t:None") };

        var options = Resolve(new ControlPlaneSettings(null, "http://127.0.0.1:8090", null, null), environment);

        Assert.Equal("http://127.0.0.1:8090", options.Endpoint);
        Assert.Equal("ci-app", options.Authentication.ClientId);
    }

    [Fact]
    public void A_malformed_key_is_one_line_that_says_to_unset_it()
    {
        var environment = new Dictionary<string, string> { ["FLYTE_API_KEY"] = "nonsense!" };

        var error = Assert.Throws<UsageException>(() => Resolve(new ControlPlaneSettings(null, "http://127.0.0.1:8090", null, null), environment));

        Assert.StartsWith("FLYTE_API_KEY is not an API key: the API key is not base64", error.Message);
        Assert.EndsWith("unset it to use the config file", error.Message);
    }
}
