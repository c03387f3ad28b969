using Flyte.Runtime.Configuration;
using Flyte.Remote.Auth;

namespace Flyte.Runtime.Tests.Configuration;

public sealed class EnvironmentOverrideTests : IDisposable
{
    private readonly ConfigWorkspace _workspace = new();

    public EnvironmentOverrideTests() =>
        _workspace.Write("repo/app/config.yaml", """
            admin:
              endpoint: dns:///file-host:8090
              insecure: false
              clientId: from-file
            task:
              project: from-file
            """);

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void A_variable_overrides_the_file()
    {
        _workspace.Environment["FLYTE_ADMIN_ENDPOINT"] = "localhost:9000";
        _workspace.Environment["FLYTE_ADMIN_INSECURE"] = "true";
        _workspace.Environment["FLYTE_TASK_PROJECT"] = "from-env";
        _workspace.Environment["FLYTE_TASK_DOMAIN"] = "staging";

        var config = _workspace.Load().Config;

        Assert.Equal("localhost:9000", config.Admin.Endpoint);
        Assert.True(config.Admin.Insecure);
        Assert.Equal("from-env", config.Task.Project);
        Assert.Equal("staging", config.Task.Domain);
        Assert.Equal("from-file", config.Admin.ClientId);
    }

    [Theory]
    [InlineData("FLYTE_ADMIN_CLIENTID")]
    [InlineData("FLYTE_ADMIN_CLIENT_ID")]
    public void Camel_case_keys_take_either_spelling(string variable)
    {
        _workspace.Environment[variable] = "from-env";

        Assert.Equal("from-env", _workspace.Load().Config.Admin.ClientId);
    }

    [Fact]
    public void Flyte_sdk_spelling_wins_when_both_are_set()
    {
        _workspace.Environment["FLYTE_ADMIN_CLIENTID"] = "flat";
        _workspace.Environment["FLYTE_ADMIN_CLIENT_ID"] = "words";

        Assert.Equal("flat", _workspace.Load().Config.Admin.ClientId);
    }

    [Fact]
    public void Every_key_has_its_variables()
    {
        _workspace.Environment["FLYTE_ADMIN_HTTP_PROXY_URL"] = "http://proxy:3128";
        _workspace.Environment["FLYTE_ADMIN_CA_CERT_FILE_PATH"] = "/ca.pem";
        _workspace.Environment["FLYTE_ADMIN_INSECURESKIPVERIFY"] = "yes";
        _workspace.Environment["FLYTE_ADMIN_AUTHTYPE"] = "client_secret";
        _workspace.Environment["FLYTE_IMAGE_REGISTRY"] = "localhost:5000/flyte";
        _workspace.Environment["FLYTE_IMAGE_BUILDER"] = "local";
        _workspace.Environment["FLYTE_IMAGE_DEFAULT"] = "localhost:5000/flyte/tasks:1";
        _workspace.Environment["FLYTE_STORAGE_ENDPOINT"] = "http://127.0.0.1:4568";
        _workspace.Environment["FLYTE_STORAGE_ACCESS_KEY_ID"] = "key";
        _workspace.Environment["FLYTE_STORAGE_SECRETACCESSKEY"] = "secret";
        _workspace.Environment["FLYTE_STORAGE_FORCE_PATH_STYLE"] = "false";
        _workspace.Environment["FLYTE_TASK_ORG"] = "acme";

        var config = _workspace.Load().Config;

        Assert.Equal("http://proxy:3128", config.Admin.HttpProxyUrl);
        Assert.Equal("/ca.pem", config.Admin.CaCertFilePath);
        Assert.True(config.Admin.InsecureSkipVerify);
        Assert.Equal(AuthType.ClientSecret, config.Admin.AuthType);
        Assert.Equal(new ImageConfig { Builder = "local", Registry = "localhost:5000/flyte", Default = "localhost:5000/flyte/tasks:1" }, config.Image);
        Assert.Equal(
            new StorageConfig { Endpoint = "http://127.0.0.1:4568", AccessKeyId = "key", SecretAccessKey = "secret", ForcePathStyle = false },
            config.Storage);
        Assert.Equal("acme", config.Task.Org);
    }

    [Fact]
    public void An_empty_variable_counts_as_unset()
    {
        _workspace.Environment["FLYTE_TASK_PROJECT"] = "";

        Assert.Equal("from-file", _workspace.Load().Config.Task.Project);
    }

    [Fact]
    public void Lists_come_as_json_arrays_or_words()
    {
        _workspace.Environment["FLYTE_ADMIN_COMMAND"] = "[\"my tool\", \"get-token\"]";
        _workspace.Environment["FLYTE_ADMIN_PROXY_COMMAND"] = "proxy-tool  --audience a,b";
        _workspace.Environment["FLYTE_ADMIN_SCOPES"] = "all, offline openid";

        var admin = _workspace.Load().Config.Admin;

        Assert.Equal(["my tool", "get-token"], admin.Command);
        Assert.Equal(["proxy-tool", "--audience", "a,b"], admin.ProxyCommand);
        Assert.Equal(["all", "offline", "openid"], admin.Scopes);
    }

    [Fact]
    public void A_bad_value_in_a_variable_names_the_variable()
    {
        _workspace.Environment["FLYTE_ADMIN_INSECURE"] = "maybe";

        var error = Assert.Throws<FlyteConfigException>(() => _workspace.Load());

        Assert.Equal("FLYTE_ADMIN_INSECURE must be true or false, not 'maybe'.", error.Message);
    }

    [Fact]
    public void A_bad_endpoint_in_a_variable_names_the_variable()
    {
        _workspace.Environment["FLYTE_ADMIN_ENDPOINT"] = "grpc://host:1";

        var error = Assert.Throws<FlyteConfigException>(() => _workspace.Load());

        Assert.StartsWith("FLYTE_ADMIN_ENDPOINT is not a valid endpoint: only dns:///host:port", error.Message);
    }
}
