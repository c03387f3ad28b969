using Flyte.Cli.Tests.Infrastructure;
using Flyte.Devbox;
using Flyteidl2.Common;
using Flyteidl2.Workflow;
using Grpc.Net.Client;

namespace Flyte.Cli.Tests.Remote;

/// <summary>
/// A devbox for one test class: on a free loopback port, its data in a temporary folder, and a config file pointing at it
/// (written by 'flyte create config', as a user would). <see cref="RunAsync"/> runs flyte with that config.
/// </summary>
public sealed class DevboxFixture : IAsyncLifetime
{
    /// <summary>Long enough for a project build on a busy machine; there only so that a hang fails instead of blocking the run.</summary>
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(10);

    private readonly TemporaryDirectory _folder = new();
    private readonly HashSet<string> _deployed = new(StringComparer.Ordinal);

    public DevboxServer Devbox { get; private set; } = null!;

    public string ConfigPath => _folder.Combine("config.yaml");

    /// <summary>Where the devbox keeps its state and its object store.</summary>
    public string DataDirectory => _folder.Combine("devbox");

    public async Task InitializeAsync()
    {
        Devbox = await StartDevboxAsync(port: 0);
        var config = await InProcessCli.RunAsync("create", "config", "--endpoint", Devbox.Endpoint, "--output", ConfigPath);
        Assert.True(config.ExitCode == 0, config.ToString());
    }

    private Task<DevboxServer> StartDevboxAsync(int port) => DevboxServer.StartAsync(new DevboxOptions
    {
        DataDirectory = DataDirectory,
        Port = port,
        A0Command = ["dotnet", SampleOutputs.A0],
    });

    /// <summary>Stops the devbox and starts it again on the same port and data folder, as a control plane restarts.</summary>
    public async Task RestartAsync()
    {
        int port = new Uri(Devbox.Endpoint).Port;
        await Devbox.DisposeAsync();
        Devbox = await StartDevboxAsync(port);
    }

    /// <summary>flyte with this devbox's config; a command that hangs is cancelled (and so fails) after some minutes.</summary>
    internal Task<CliResult> RunAsync(params string[] args) => RunWithoutConfigAsync([.. args, "--config", ConfigPath]);

    internal static async Task<CliResult> RunWithoutConfigAsync(params string[] args)
    {
        using var environment = new HermeticEnvironment();
        return await InProcessCli.RunAsync(environment.Cli, CommandTimeout, args);
    }

    /// <summary>Deploys the tasks of a built assembly once per devbox (the tests of a class run one after another).</summary>
    private readonly HashSet<string> _secrets = new(StringComparer.Ordinal);

    public async Task DeployOnceAsync(string assemblyPath)
    {
        if (_deployed.Contains(assemblyPath))
        {
            return;
        }
        var result = await RunAsync("deploy", assemblyPath);
        Assert.True(result.ExitCode == 0, result.ToString());
        _deployed.Add(assemblyPath);
    }

    /// <summary>Creates the org-wide secret <paramref name="name"/> with <c>flyte create secret</c>, once per devbox.</summary>
    public async Task SecretOnceAsync(string name, string value)
    {
        if (_secrets.Contains(name))
        {
            return;
        }
        var result = await RunAsync("create", "secret", name, "--value", value);
        Assert.True(result.ExitCode == 0, result.ToString());
        _secrets.Add(name);
    }

    /// <summary>Deploys samples/Training and creates the secret its data source reads.</summary>
    public async Task TrainingReadyAsync()
    {
        await DeployOnceAsync(TaskAssemblies.Training);
        await SecretOnceAsync("data-token", "t0ken");
    }

    /// <summary>Waits (asking the devbox itself, not through any proxy) until <paramref name="count"/> children of the run have succeeded.</summary>
    internal async Task WaitForSucceededChildrenAsync(string runName, int count)
    {
        using var channel = GrpcChannel.ForAddress(Devbox.Endpoint);
        var runs = new RunService.RunServiceClient(channel);
        var run = new RunIdentifier { Project = "flytesnacks", Domain = "development", Name = runName };
        var deadline = DateTime.UtcNow + CommandTimeout;
        while (true)
        {
            try
            {
                var actions = (await runs.ListActionsAsync(new ListActionsRequest { RunId = run })).Actions;
                if (actions.Count(a => a.Id.Name != "a0" && a.Status.Phase == ActionPhase.Succeeded) >= count)
                {
                    return;
                }
            }
            catch (Grpc.Core.RpcException e) when (e.StatusCode == Grpc.Core.StatusCode.NotFound)
            {
                // flyte run is still building, deploying or uploading; the run does not exist yet.
            }
            Assert.True(DateTime.UtcNow < deadline, $"{count} children of run {runName} did not finish");
            await Task.Delay(50);
        }
    }

    /// <summary>Asks with 'flyte get run' until the run has ended, and returns what it printed then.</summary>
    internal async Task<CliResult> WaitForRunAsync(string runName)
    {
        var deadline = DateTime.UtcNow + CommandTimeout;
        while (true)
        {
            var result = await RunAsync("get", "run", runName);
            Assert.True(result.ExitCode == 0, result.ToString());
            bool ended = new[] { "SUCCEEDED", "FAILED", "ABORTED", "TIMED_OUT" }.Any(phase => result.Out.Contains($"Phase     {phase}", StringComparison.Ordinal));
            if (ended || DateTime.UtcNow > deadline)
            {
                return result;
            }
            await Task.Delay(200);
        }
    }

    public async Task DisposeAsync()
    {
        await Devbox.DisposeAsync();
        _folder.Dispose();
    }
}
