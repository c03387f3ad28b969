using Flyte.Cli.Config;
using Flyte.Cli.Tests.Infrastructure;
using Flyte.Runtime.Configuration;

namespace Flyte.Cli.Tests.Config;

public sealed class CreateConfigCommandTests : IDisposable
{
    private readonly TemporaryDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task Writes_a_config_that_the_loader_reads_back()
    {
        var path = _scratch.Combine("conf", "config.yaml");

        var result = await InProcessCli.RunAsync(
            "create", "config", "--endpoint", "dns:///localhost:8090", "--insecure", "--project", "ml", "--domain", "staging", "--org", "acme", "--output", path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"wrote {path}: endpoint dns:///localhost:8090 (plaintext), project ml, domain staging, org acme", result.Out);
        var loaded = FlyteConfigLoader.Load(path, _scratch.Path, _ => null, homeDirectory: null);
        Assert.Equal("http://localhost:8090", loaded.Config.Admin.GrpcAddress());
        Assert.Equal(new TaskConfig { Org = "acme", Project = "ml", Domain = "staging" }, loaded.Config.Task);
    }

    [Fact]
    public async Task Defaults_are_flytesnacks_development_and_tls()
    {
        var path = _scratch.Combine("config.yaml");

        var result = await InProcessCli.RunAsync("create", "config", "--endpoint", "flyte.example.com:443", "--output", path);

        Assert.Equal(0, result.ExitCode);
        var config = FlyteConfigLoader.Load(path, _scratch.Path, _ => null, homeDirectory: null).Config;
        Assert.Equal("https://flyte.example.com:443", config.Admin.GrpcAddress());
        Assert.Equal(new TaskConfig(), config.Task);
    }

    [Fact]
    public async Task An_http_endpoint_is_written_as_insecure_so_flyte_sdk_dials_plaintext_too()
    {
        var path = _scratch.Combine("config.yaml");

        await InProcessCli.RunAsync("create", "config", "--endpoint", "http://127.0.0.1:8090", "--output", path);

        Assert.True(FlyteConfigLoader.Load(path, _scratch.Path, _ => null, homeDirectory: null).Config.Admin.Insecure);
    }

    [Fact]
    public async Task An_existing_file_is_kept_unless_forced()
    {
        var path = _scratch.Combine("config.yaml");
        await File.WriteAllTextAsync(path, "# mine\n");

        var refused = await InProcessCli.RunAsync("create", "config", "--endpoint", "localhost:8090", "--output", path);

        Assert.Equal(2, refused.ExitCode);
        Assert.Equal($"flyte: {path} already exists; pass --force to overwrite it", refused.Error.Trim());
        Assert.Equal("# mine\n", await File.ReadAllTextAsync(path));

        var forced = await InProcessCli.RunAsync("create", "config", "--endpoint", "localhost:8090", "--output", path, "--force");

        Assert.Equal(0, forced.ExitCode);
        Assert.Contains("endpoint: \"localhost:8090\"", await File.ReadAllTextAsync(path));
    }

    [Theory]
    [InlineData("grpc://host:1", "flyte: --endpoint 'grpc://host:1' is not valid: only dns:///host:port")]
    [InlineData("host:1/path", "flyte: --endpoint 'host:1/path' is not valid: 'host:1/path' is not a host with an optional port")]
    public async Task A_bad_endpoint_is_a_one_line_usage_error(string endpoint, string message)
    {
        var path = _scratch.Combine("config.yaml");

        var result = await InProcessCli.RunAsync("create", "config", "--endpoint", endpoint, "--output", path);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(message, result.Error);
        Assert.Single(result.Error.Trim().Split('\n'));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task The_endpoint_is_required()
    {
        var result = await InProcessCli.RunAsync("create", "config", "--output", _scratch.Combine("config.yaml"));

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("flyte: Option '--endpoint' is required", result.Error);
        Assert.Single(result.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task An_empty_project_is_refused()
    {
        var result = await InProcessCli.RunAsync("create", "config", "--endpoint", "localhost:8090", "--project", "", "--output", _scratch.Combine("config.yaml"));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("flyte: --project must not be empty", result.Error.Trim());
    }

    [Fact]
    public async Task By_default_the_file_goes_to_dot_flyte_in_the_current_folder_where_the_loader_looks()
    {
        using var environment = new HermeticEnvironment();

        var result = await InProcessCli.RunAsync(environment.Cli, "create", "config", "--endpoint", "localhost:8090", "--insecure");

        Assert.True(result.ExitCode == 0, result.ToString());
        var expected = Path.Combine(environment.WorkingDirectory, ".flyte", "config.yaml");
        Assert.Equal(expected, CreateConfigCommand.DefaultOutputPath(environment.WorkingDirectory));
        Assert.Equal(expected, FlyteConfigLoader.Load(null, environment.WorkingDirectory, _ => null, homeDirectory: null).SourcePath);
    }
}
