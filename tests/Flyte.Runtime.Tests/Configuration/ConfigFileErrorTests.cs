using Flyte.Runtime.Configuration;
using Flyte.Remote.Auth;

namespace Flyte.Runtime.Tests.Configuration;

public sealed class ConfigFileErrorTests : IDisposable
{
    private readonly ConfigWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    public static TheoryData<string, string> BadFiles => new()
    {
        { "admin:\n  endpoint: [unclosed\n", "is not valid YAML (line" },
        { "- admin\n- task\n", "must be a YAML mapping of sections (admin:, task:, …), not a list." },
        { "admin: localhost:8090\n", "admin in {0} (line 1) must be a mapping of keys, not the value 'localhost:8090'." },
        { "admin:\n  insecure: maybe\n", "admin.insecure in {0} (line 2) must be true or false, not 'maybe'." },
        { "admin:\n  insecure: [true]\n", "admin.insecure in {0} (line 2) must be true or false, not a list." },
        { "admin:\n  endpoint:\n    host: x\n", "admin.endpoint in {0} (line 3) must be a single value, not a mapping." },
        { "admin:\n  endpoint: grpc://x:1\n", "admin.endpoint in {0} (line 2) is not a valid endpoint: only dns:///host:port" },
        { "admin:\n  authType: Kerberos\n", "admin.authType in {0} (line 2) is 'Kerberos', not an auth type; use one of Pkce, DeviceFlow, ClientSecret, ExternalCommand, Passthrough." },
        { "admin:\n  scopes:\n    - a: b\n", "admin.scopes in {0} (line 3) must be a list of single values, but one item is a mapping." },
        { "task:\n  project: [a, b]\n", "task.project in {0} (line 2) must be a single value, not a list." },
        { "admin:\n  endpoint: a:1\n  endpoint: b:2\n", "is not valid YAML (line 3, column 3): Duplicate key endpoint" },
        { "storage:\n  forcePathStyle: sometimes\n", "storage.forcePathStyle in {0} (line 2) must be true or false, not 'sometimes'." },
        // Found by fuzzing (docs/fuzzing.md): YamlDotNet's other exceptions on malformed input, and values quoted across lines.
        { "admin:\0\u0002 scopes\0*a:\n", "is not valid YAML: " },
        { ":\n  [cmanl: \"tool  --flcg\"\ntast: |\n\u001b \ufffd multi\n    ", "is not valid YAML: " },
        { "task: |\n  multi\n  line\n", "task in {0} (line 1) must be a mapping of keys, not the value 'multi\\nline\\n'." },
        { "admin:\n  insecure: \"a\\nb\"\n", "admin.insecure in {0} (line 2) must be true or false, not 'a\\nb'." },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void A_bad_file_is_one_line_naming_the_file_and_the_key(string yaml, string message)
    {
        var path = _workspace.Write("repo/app/config.yaml", yaml);

        var error = Assert.Throws<FlyteConfigException>(() => _workspace.Load());

        Assert.Contains(string.Format(message, path), error.Message);
        Assert.Contains(path, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("admin:\ntask: ~\n")]
    [InlineData("admin:\n  endpoint:\n  clientId: null\n")]
    public void Empty_files_sections_and_keys_leave_the_defaults(string yaml)
    {
        _workspace.Write("repo/app/config.yaml", yaml);

        var config = _workspace.Load().Config;

        Assert.Equal(new TaskConfig(), config.Task);
        Assert.Null(config.Admin.Endpoint);
        Assert.Null(config.Admin.ClientId);
    }

    [Fact]
    public void Keys_and_sections_the_sdk_does_not_read_are_left_alone()
    {
        _workspace.Write("repo/app/config.yaml", """
            admin:
              endpoint: dns:///localhost:8090
              disableKeyring: true
            console:
              endpoint: http://localhost:8080
            local:
              persistence: true
            """);

        Assert.Equal("dns:///localhost:8090", _workspace.Load().Config.Admin.Endpoint);
    }

    [Fact]
    public void A_flytectl_style_file_reads_as_flyte_sdk_reads_it()
    {
        _workspace.Write("repo/app/config.yaml", """
            admin:
              # For GRPC endpoints you might want to use dns:///flyte.myexample.com
              endpoint: dns:///flyte.example.com
              authType: Pkce
              insecure: false
              clientId: flytepropeller
              clientSecretLocation: /etc/secrets/client_secret
              scopes:
                - all
            task:
              org: acme
              project: ml
              domain: production
            image:
              builder: remote
              registry: ghcr.io/acme
            """);

        var config = _workspace.Load().Config;

        Assert.Equal("https://flyte.example.com", config.Admin.GrpcAddress());
        Assert.Equal(AuthType.Pkce, config.Admin.AuthType);
        Assert.Equal("flytepropeller", config.Admin.ClientId);
        Assert.Equal("/etc/secrets/client_secret", config.Admin.ClientSecretLocation);
        Assert.Equal(["all"], config.Admin.Scopes);
        Assert.Equal(new TaskConfig { Org = "acme", Project = "ml", Domain = "production" }, config.Task);
        Assert.Equal(new ImageConfig { Builder = "remote", Registry = "ghcr.io/acme" }, config.Image);
    }
}
