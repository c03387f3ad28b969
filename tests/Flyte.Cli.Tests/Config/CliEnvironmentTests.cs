using System.Collections;
using Flyte.Cli.Remote;
using Flyte.Cli.Tests.Infrastructure;
using Flyte.Remote.Auth;

namespace Flyte.Cli.Tests.Config;

/// <summary>
/// The command reads its config, variables and home folder from the surroundings it is given (<see cref="CliEnvironment"/>)
/// and from nowhere else; the tests' default surroundings hold nothing of the machine's Flyte or cloud settings.
/// The endpoints are loopback ports nothing listens on, each test's own, so an answer names which one was called.
/// </summary>
public sealed class CliEnvironmentTests
{
    private static string HomeConfig(string endpoint) =>
        $"admin:\n  endpoint: {endpoint}\n  insecure: true\ntask:\n  project: from-home\n";

    [Fact]
    public async Task The_home_folders_config_names_the_control_plane_the_command_calls()
    {
        int port = LoopbackPorts.Free();
        using var environment = new HermeticEnvironment();
        Directory.CreateDirectory(Path.Combine(environment.Home, ".flyte"));
        File.WriteAllText(Path.Combine(environment.Home, ".flyte", "config.yaml"), HomeConfig($"dns:///127.0.0.1:{port}"));

        var result = await InProcessCli.RunAsync(environment.Cli, TimeSpan.FromMinutes(2), "get", "runs");

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        Assert.Contains($"127.0.0.1:{port}", result.Error);
    }

    [Fact]
    public async Task A_FLYTE_ADMIN_ENDPOINT_of_the_surroundings_overrides_their_home_config()
    {
        int homePort = LoopbackPorts.Free();
        int variablePort = LoopbackPorts.Free();
        using var environment = new HermeticEnvironment(new Dictionary<string, string> { ["FLYTE_ADMIN_ENDPOINT"] = $"dns:///127.0.0.1:{variablePort}" });
        Directory.CreateDirectory(Path.Combine(environment.Home, ".flyte"));
        File.WriteAllText(Path.Combine(environment.Home, ".flyte", "config.yaml"), HomeConfig($"dns:///127.0.0.1:{homePort}"));

        var options = ControlPlane.Resolve(new ControlPlaneSettings(null, null, null, null), environment.Cli);

        Assert.Equal($"http://127.0.0.1:{variablePort}", options.Endpoint);
        Assert.Equal("from-home", options.Project);
    }

    [Fact]
    public void The_token_cache_is_the_one_the_surroundings_name()
    {
        using var named = new HermeticEnvironment(new Dictionary<string, string>
        {
            [RemoteAuthentication.TokenCacheDirectoryVariable] = "/flyte-tests/tokens-of-this-test",
        });
        using var unnamed = new HermeticEnvironment();
        var settings = new ControlPlaneSettings(null, "http://127.0.0.1:9", null, null);

        Assert.Equal("/flyte-tests/tokens-of-this-test", ControlPlane.Resolve(settings, named.Cli).Authentication.TokenCacheDirectory);
        Assert.Equal(Path.Combine(unnamed.Home, ".flyte", "tokens"), ControlPlane.Resolve(settings, unnamed.Cli).Authentication.TokenCacheDirectory);
    }

    [Fact]
    public async Task The_local_cache_is_under_FLYTE_HOME_of_the_surroundings_else_under_their_home_folder()
    {
        using var scratch = new TemporaryDirectory();
        using var withFlyteHome = new HermeticEnvironment(new Dictionary<string, string> { ["FLYTE_HOME"] = scratch.Combine("flyte-home") });
        using var withoutFlyteHome = new HermeticEnvironment();

        var named = await InProcessCli.RunAsync(withFlyteHome.Cli, "cache", "clear");
        var unnamed = await InProcessCli.RunAsync(withoutFlyteHome.Cli, "cache", "clear");

        Assert.Equal($"removed 0 cached outputs from {scratch.Combine("flyte-home", "local-cache")}", named.Out.Trim());
        Assert.Equal($"removed 0 cached outputs from {Path.Combine(withoutFlyteHome.Home, ".flyte", "local-cache")}", unnamed.Out.Trim());
    }

    [Fact]
    public async Task A_relative_path_starts_at_the_working_directory_of_the_surroundings()
    {
        using var environment = new HermeticEnvironment();

        var result = await InProcessCli.RunAsync(environment.Cli, "cache", "clear", "--cache-dir", "relative-cache");

        Assert.Equal($"removed 0 cached outputs from {Path.Combine(environment.WorkingDirectory, "relative-cache")}", result.Out.Trim());
    }

    [Fact]
    public async Task By_default_a_command_finds_no_control_plane_whatever_the_process_is_configured_with()
    {
        var result = await InProcessCli.RunAsync("get", "runs");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith("flyte: no control plane is configured: ", result.Error);
    }

    [Fact]
    public void The_default_surroundings_hold_none_of_the_processs_Flyte_or_cloud_settings_and_a_home_of_their_own()
    {
        using var environment = new HermeticEnvironment();
        var cli = environment.Cli;

        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            string name = (string)entry.Key;
            if (name.StartsWith("FLYTE", StringComparison.OrdinalIgnoreCase) || name.StartsWith("AWS_", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("AZURE_", StringComparison.OrdinalIgnoreCase) || name.StartsWith("GOOGLE_", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Null(cli.Variable(name));
            }
        }
        Assert.DoesNotContain(cli.Variables.Keys, name => name.StartsWith("FLYTE", StringComparison.OrdinalIgnoreCase) || name.StartsWith("AWS_", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(environment.Home, cli.HomeDirectory);
        Assert.NotEqual(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), cli.HomeDirectory);
        Assert.Equal(environment.Home, cli.Variable(OperatingSystem.IsWindows() ? "USERPROFILE" : "HOME"));
        Assert.Equal(environment.WorkingDirectory, cli.WorkingDirectory);
        Assert.Empty(Directory.EnumerateFileSystemEntries(cli.HomeDirectory!));
        Assert.Empty(Directory.EnumerateFileSystemEntries(cli.WorkingDirectory));
    }
}
