using Flyte.Runtime.Configuration;
using Flyte.Remote.Auth;

namespace Flyte.Runtime.Tests.Configuration;

public sealed class ConfigRoundTripTests : IDisposable
{
    private readonly ConfigWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void Every_setting_written_reads_back_the_same()
    {
        var written = new FlyteConfig
        {
            Admin = new AdminConfig
            {
                Endpoint = "dns:///flyte.example.com:443",
                Insecure = false,
                InsecureSkipVerify = true,
                CaCertFilePath = "C:\\certs\\ca.pem",
                AuthType = AuthType.ExternalCommand,
                ClientId = "client \"quoted\" id",
                ClientSecretLocation = "/etc/secrets/client secret",
                ClientSecretEnvVar = "MY_SECRET",
                Scopes = ["all", "offline"],
                Audience = "urn:flyte",
                Transport = Flyte.Remote.RemoteTransport.GrpcWeb,
                Command = ["my tool", "get-token", "--flag=#not-a-comment"],
                ProxyCommand = ["proxy", "token"],
                HttpProxyUrl = "http://proxy:3128",
            },
            Task = new TaskConfig { Org = "acme", Project = "ml: models", Domain = "production" },
            Image = new ImageConfig { Builder = "local", Registry = "localhost:5000/flyte", Default = "localhost:5000/flyte/tasks:1" },
            Storage = new StorageConfig
            {
                Endpoint = "http://127.0.0.1:4568",
                Region = "eu-west-1",
                AccessKeyId = "key",
                SecretAccessKey = "tab\tand\\backslash",
                ForcePathStyle = false,
            },
        };

        var read = WriteAndLoad(written);

        Assert.Equal(written.Admin with { Scopes = [], Command = [], ProxyCommand = [] }, read.Admin with { Scopes = [], Command = [], ProxyCommand = [] });
        Assert.Equal(written.Admin.Scopes, read.Admin.Scopes);
        Assert.Equal(written.Admin.Command, read.Admin.Command);
        Assert.Equal(written.Admin.ProxyCommand, read.Admin.ProxyCommand);
        Assert.Equal(written.Task, read.Task);
        Assert.Equal(written.Image, read.Image);
        Assert.Equal(written.Storage, read.Storage);
    }

    [Fact]
    public void A_devbox_config_reads_back_with_defaults_for_the_rest()
    {
        var written = new FlyteConfig { Admin = new AdminConfig { Endpoint = "localhost:8090", Insecure = true } };

        var read = WriteAndLoad(written);

        Assert.Equal(written.Admin with { Scopes = [], Command = [], ProxyCommand = [] }, read.Admin with { Scopes = [], Command = [], ProxyCommand = [] });
        Assert.Empty(read.Admin.Scopes);
        Assert.Equal(new TaskConfig(), read.Task);
        Assert.Equal(new ImageConfig(), read.Image);
        Assert.Equal(new StorageConfig(), read.Storage);
        Assert.Equal("http://localhost:8090", read.Admin.GrpcAddress());
    }

    [Fact]
    public void The_file_explains_its_keys_and_shows_unset_ones_as_examples()
    {
        var yaml = FlyteConfigWriter.ToYaml(new FlyteConfig { Admin = new AdminConfig { Endpoint = "localhost:8090", Insecure = true } });

        Assert.Contains("  endpoint: \"localhost:8090\"", yaml);
        Assert.Contains("  insecure: true", yaml);
        Assert.Contains("  project: \"flytesnacks\"", yaml);
        Assert.Contains("  org: \"\"", yaml);
        Assert.Contains("  # authType: Pkce", yaml);
        Assert.Contains("  # registry: ghcr.io/my-org", yaml);
        Assert.Contains("FLYTE_<SECTION>_<KEY>", yaml);
        Assert.Contains("# The control plane's API: dns:///host:port, host:port, http://host:port or https://host:port.", yaml);
    }

    private FlyteConfig WriteAndLoad(FlyteConfig config)
    {
        var path = _workspace.Write("repo/app/.flyte/config.yaml", FlyteConfigWriter.ToYaml(config));
        var loaded = _workspace.Load();
        Assert.Equal(path, loaded.SourcePath);
        return loaded.Config;
    }
}
