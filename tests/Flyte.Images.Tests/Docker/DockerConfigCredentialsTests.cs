using System.Text;

namespace Flyte.Images.Tests.Docker;

/// <summary>Reading registry credentials as docker login leaves them: where the file is, the auths, the names of Docker Hub, and helpers.</summary>
public sealed class DockerConfigCredentialsTests : IDisposable
{
    private readonly TestDirectory _home = new();

    public void Dispose() => _home.Dispose();

    private static string Auth(string userAndPassword) => Convert.ToBase64String(Encoding.UTF8.GetBytes(userAndPassword));

    private DockerConfigCredentials Load(string json) => DockerConfigCredentials.Load(_home.Write("config.json", json));

    /// <summary>Credentials whose helpers are looked for in <paramref name="helperDirectory"/> alone: the PATH they are given, not the process's.</summary>
    private DockerConfigCredentials LoadWithHelpersIn(string helperDirectory, string json) =>
        DockerConfigCredentials.Load(_home.Write("config.json", json), name => name == "PATH" ? helperDirectory : null);

    [Fact]
    public void The_file_is_in_DOCKER_CONFIG_when_set_else_in_the_home_folder()
    {
        Assert.Equal(Path.Combine("/cfg", "config.json"), DockerConfigCredentials.DefaultPath(name => name == "DOCKER_CONFIG" ? "/cfg" : "/home/me"));
        Assert.Equal(Path.Combine("/home/me", ".docker", "config.json"), DockerConfigCredentials.DefaultPath(name => name == "HOME" ? "/home/me" : null));
        Assert.Equal(Path.Combine("/home/me", ".docker", "config.json"), DockerConfigCredentials.DefaultPath(name => name == "HOME" ? "/home/me" : ""));
    }

    [Fact]
    public void An_auth_is_base64_of_user_colon_password_under_the_registry_host()
    {
        var credentials = Load($$"""{ "auths": { "127.0.0.1:5000": { "auth": "{{Auth("robot:s3cr:et")}}" } } }""");

        var credential = credentials.For("127.0.0.1:5000");

        Assert.NotNull(credential);
        Assert.Equal("robot", credential.UserName);
        Assert.Equal("s3cr:et", credential.Password);
    }

    [Fact]
    public void Keys_with_a_scheme_or_a_path_and_any_case_match_the_host()
    {
        var credentials = Load($$"""
            { "auths": {
                "https://GHCR.io/v2/": { "auth": "{{Auth("gh:1")}}" },
                "http://registry.local:8080": { "auth": "{{Auth("local:2")}}" } } }
            """);

        Assert.Equal("gh", credentials.For("ghcr.io")?.UserName);
        Assert.Equal("local", credentials.For("registry.local:8080")?.UserName);
        Assert.Null(credentials.For("registry.local"));
    }

    [Theory]
    [InlineData("https://index.docker.io/v1/")]
    [InlineData("index.docker.io")]
    [InlineData("docker.io")]
    [InlineData("registry-1.docker.io")]
    public void Docker_Hubs_names_all_count_for_docker_io(string key)
    {
        var credentials = Load($$"""{ "auths": { "{{key}}": { "auth": "{{Auth("hubuser:pw")}}" } } }""");

        Assert.Equal("hubuser", credentials.For("docker.io")?.UserName);
        Assert.Equal("hubuser", credentials.For("index.docker.io")?.UserName);
    }

    [Fact]
    public void Username_and_password_fields_count_too()
    {
        var credentials = Load("""{ "auths": { "quay.io": { "username": "q", "password": "p" } } }""");

        Assert.Equal(("q", "p"), (credentials.For("quay.io")?.UserName, credentials.For("quay.io")?.Password));
    }

    [Fact]
    public void A_registry_without_an_entry_or_with_an_empty_one_is_anonymous()
    {
        var credentials = Load("""{ "auths": { "quay.io": {}, "ghcr.io": { "auth": "" } } }""");

        Assert.Null(credentials.For("quay.io"));
        Assert.Null(credentials.For("ghcr.io"));
        Assert.Null(credentials.For("127.0.0.1:5000"));
    }

    [Fact]
    public void No_file_means_no_credentials()
    {
        var credentials = DockerConfigCredentials.Load(_home.Combine("missing/config.json"));

        Assert.Null(credentials.Path);
        Assert.Null(credentials.For("docker.io"));
    }

    [Fact]
    public void A_broken_file_fails_with_its_path()
    {
        var error = Assert.Throws<ImageBuildException>(() => Load("{ \"auths\": "));
        Assert.Contains(_home.Combine("config.json"), error.Message);

        var notBase64 = Assert.Throws<ImageBuildException>(() => Load("""{ "auths": { "quay.io": { "auth": "%%%" } } }"""));
        Assert.Contains("cannot be read", notBase64.Message);

        var noColon = Assert.Throws<ImageBuildException>(() => Load($$"""{ "auths": { "quay.io": { "auth": "{{Auth("nocolon")}}" } } }"""));
        Assert.Contains("user:password", noColon.Message);
    }

    [Fact]
    public void A_credential_helper_is_asked_with_the_server_on_stdin_before_the_auths()
    {
        string helperDirectory = WriteHelper("flytetest", """
            read server
            if [ "$server" = "ghcr.io" ]; then echo '{"ServerURL":"ghcr.io","Username":"from-helper","Secret":"tok"}'; exit 0; fi
            if [ "$server" = "https://index.docker.io/v1/" ]; then echo '{"ServerURL":"x","Username":"hub-helper","Secret":"hub"}'; exit 0; fi
            echo "credentials not found in native keychain"; exit 1
            """);
        var credentials = LoadWithHelpersIn(helperDirectory, $$"""
            { "auths": { "ghcr.io": { "auth": "{{Auth("from-file:pw")}}" }, "quay.io": { "auth": "{{Auth("quay:pw")}}" } },
              "credHelpers": { "ghcr.io": "flytetest" },
              "credsStore": "flytetest" }
            """);

        Assert.Equal(("from-helper", "tok"), (credentials.For("ghcr.io")?.UserName, credentials.For("ghcr.io")?.Password));
        Assert.Equal("quay", credentials.For("quay.io")?.UserName); // in auths: the store is not asked
        Assert.Equal("hub-helper", credentials.For("docker.io")?.UserName); // from the store, under Docker Hub's server URL
        Assert.Null(credentials.For("127.0.0.1:5000")); // the store has nothing: anonymous
    }

    [Fact]
    public void A_failing_or_missing_helper_fails_with_its_name()
    {
        string helperDirectory = WriteHelper("broken", "echo 'keychain locked' >&2; exit 3");
        var credentials = LoadWithHelpersIn(helperDirectory, """{ "credHelpers": { "ghcr.io": "broken", "quay.io": "not-installed-anywhere" } }""");

        var failed = Assert.Throws<ImageBuildException>(() => credentials.For("ghcr.io"));
        var missing = Assert.Throws<ImageBuildException>(() => credentials.For("quay.io"));

        Assert.Contains("docker-credential-broken failed for ghcr.io (exit code 3): keychain locked", failed.Message);
        Assert.Contains("docker-credential-not-installed-anywhere", missing.Message);
    }

    private string WriteHelper(string name, string script)
    {
        string path = _home.Write($"bin/docker-credential-{name}", "#!/bin/sh\n" + script + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return Path.GetDirectoryName(path)!;
    }
}
