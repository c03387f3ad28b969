using System.Net;
using System.Net.Sockets;
using Flyte.Cli.Tests.Infrastructure;

namespace Flyte.Cli.Tests.Remote;

/// <summary>What the remote commands say when there is no control plane to talk to, or the command line is wrong.</summary>
public sealed class RemoteErrorTests : IDisposable
{
    private readonly TemporaryDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Theory]
    [InlineData("get", "runs")]
    [InlineData("get", "run", "some-run")]
    [InlineData("abort", "run", "some-run")]
    [InlineData("run", "{quickstart}", "quickstart.Square", "--x", "1")]
    [InlineData("deploy", "{quickstart}")]
    public async Task An_unreachable_endpoint_is_one_line_naming_it_and_how_to_start_a_devbox(params string[] command)
    {
        string endpoint = $"http://127.0.0.1:{UnusedPort()}";
        var args = command.Select(a => a == "{quickstart}" ? TaskAssemblies.Quickstart : a).Concat(["--endpoint", endpoint]).ToArray();

        var result = await DevboxFixture.RunWithoutConfigAsync(args);

        Assert.Equal(2, result.ExitCode);
        string line = Assert.Single(result.Error.TrimEnd().Split('\n'));
        Assert.StartsWith($"flyte: cannot reach the Flyte control plane at {endpoint}", line);
        Assert.Contains("'flyte devbox start'", line);
    }

    [Fact]
    public async Task Without_an_endpoint_a_run_says_how_to_get_one_or_to_run_locally()
    {
        string config = _scratch.Combine("config.yaml");
        await File.WriteAllTextAsync(config, "task:\n  project: flytesnacks\n");

        var result = await DevboxFixture.RunWithoutConfigAsync("run", TaskAssemblies.Quickstart, "quickstart.Square", "--x", "1", "--config", config);

        Assert.Equal(2, result.ExitCode);
        string line = Assert.Single(result.Error.TrimEnd().Split('\n'));
        Assert.Contains($"({config} sets no admin.endpoint)", line);
        Assert.Contains("'flyte devbox start'", line);
        Assert.Contains("'flyte create config --endpoint <its address> --insecure'", line);
        Assert.EndsWith("or add --local to run in this process", line);
    }

    [Fact]
    public async Task A_config_file_that_does_not_exist_is_named()
    {
        string missing = _scratch.Combine("missing.yaml");

        var result = await DevboxFixture.RunWithoutConfigAsync("get", "runs", "--config", missing);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"flyte: {missing}: the config file given explicitly (--config) does not exist", result.Error.Trim());
    }

    [Fact]
    public async Task A_malformed_endpoint_is_refused()
    {
        var result = await DevboxFixture.RunWithoutConfigAsync("get", "runs", "--endpoint", "ftp://somewhere");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("flyte: --endpoint 'ftp://somewhere' is not valid:", result.Error.Trim());
    }

    [Theory]
    [InlineData("--no-wait", "flyte: --no-wait applies to runs on a control plane; leave out --local")]
    [InlineData("--endpoint=http://127.0.0.1:1", "flyte: --endpoint applies to runs on a control plane; leave out --local")]
    public async Task Remote_options_on_a_local_run_are_refused(string option, string expected)
    {
        var result = await LocalRun.RunAsync(_scratch, TaskAssemblies.Quickstart, "quickstart.Square", "--x", "1", option);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(expected, result.Error.Trim());
    }

    [Fact]
    public async Task Local_options_on_a_remote_run_are_refused()
    {
        var result = await DevboxFixture.RunWithoutConfigAsync(
            "run", TaskAssemblies.Quickstart, "quickstart.Square", "--x", "1", "--no-cache", "--endpoint", "http://127.0.0.1:1");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("flyte: --no-cache applies to runs in this process; add --local", result.Error.Trim());
    }

    [Theory]
    [InlineData("get")]
    [InlineData("abort")]
    public async Task A_command_group_alone_asks_for_its_subcommand(string group)
    {
        var result = await DevboxFixture.RunWithoutConfigAsync(group);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"flyte: Required command was not provided (see 'flyte {group} --help')", result.Error.Trim());
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
