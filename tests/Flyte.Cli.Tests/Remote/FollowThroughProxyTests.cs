using System.Text.RegularExpressions;
using Flyte.Cli.Tests.Infrastructure;

namespace Flyte.Cli.Tests.Remote;

/// <summary>
/// <c>flyte run</c> through an ingress that passes HTTP/1.1 only (Debian's nginx), with <c>transport: grpc-web</c> in the
/// config: deploy, run, the live follow and the outputs go through it, and stopping the proxy mid-run and starting it
/// again does not end the command: it prints the run's end once.
/// </summary>
public sealed class FollowThroughProxyTests(DevboxFixture devbox) : IClassFixture<DevboxFixture>, IAsyncLifetime
{
    private readonly TemporaryDirectory _folder = new();
    private NginxProxy _proxy = null!;

    private static string SlowTasks => Path.Combine(SampleOutputs.DevboxTestTasks, "Flyte.Devbox.Tests.Tasks.dll");

    private string ConfigPath => _folder.Combine("through-proxy.yaml");

    public async Task InitializeAsync()
    {
        _proxy = await NginxProxy.StartHttp1Async(new Uri(devbox.Devbox.Endpoint));
        var config = await InProcessCli.RunAsync("create", "config", "--endpoint", _proxy.Endpoint.AbsoluteUri.TrimEnd('/'), "--transport", "grpc-web", "--output", ConfigPath);
        Assert.True(config.ExitCode == 0, config.ToString());
    }

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        _folder.Dispose();
    }

    private Task<CliResult> RunAsync(params string[] args) => DevboxFixture.RunWithoutConfigAsync([.. args, "--config", ConfigPath]);

    [Fact]
    public async Task Flyte_run_rides_out_the_proxy_going_away_and_prints_the_end_once()
    {
        var deploy = await RunAsync("deploy", SlowTasks);
        Assert.True(deploy.ExitCode == 0, deploy.ToString());
        string runName = "through-proxy";

        var following = RunAsync("run", "--name", runName, SlowTasks, "slow.Naps", "--count", "6", "--milliseconds", "800");
        await devbox.WaitForSucceededChildrenAsync(runName, 2);
        await _proxy.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        await _proxy.RestartAsync();
        var result = await following;

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Single(Regex.Matches(result.Out, @"(?m)^a0 slow\.Naps SUCCEEDED\r?$"));
        Assert.Single(Regex.Matches(result.Out, @"(?m)^a0 slow\.Naps SUCCEEDED \d"));
        Assert.Contains("  o0: 150", result.Out);
    }

    [Fact]
    public async Task The_grpc_transport_through_the_same_proxy_fails_in_one_line_that_suggests_grpc_web()
    {
        string grpcConfig = _folder.Combine("grpc.yaml");
        var config = await InProcessCli.RunAsync("create", "config", "--endpoint", _proxy.Endpoint.AbsoluteUri.TrimEnd('/'), "--output", grpcConfig);
        Assert.True(config.ExitCode == 0, config.ToString());

        var result = await DevboxFixture.RunWithoutConfigAsync("get", "runs", "--config", grpcConfig);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.EndsWith("set admin.transport: grpc-web in your config to use gRPC-Web over HTTP/1.1", result.Error.Trim());
        Assert.Single(result.Error.Trim().Split('\n'));
    }
}
