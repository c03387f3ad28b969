using Flyte.Generation;
using Flyte.Cli.Tests.Infrastructure;
using Flyte.Devbox;
using Flyte.Remote;
using Flyte.Tasks;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Workflow;
using Grpc.Core;
using Grpc.Net.Client;

namespace Flyte.Cli.Tests.Remote;

/// <summary>
/// A run of a task at a version the devbox does not have: the client says so in one line naming the task, the version,
/// the project and the control plane, and what to do (deploy), and starts nothing; a run sent by another client
/// without that check gets the devbox's own one-line NOT_FOUND.
/// </summary>
public sealed class UndeployedVersionTests : IAsyncLifetime
{
    private const string NotDeployedVersion = "0123456789abcdef0123456789abcdef";

    private readonly TemporaryDirectory _folder = new();
    private DevboxServer _devbox = null!;
    private FlyteRemote _remote = null!;

    public async Task InitializeAsync()
    {
        _devbox = await DevboxServer.StartAsync(new DevboxOptions
        {
            DataDirectory = _folder.Combine("devbox"),
            Port = 0,
            A0Command = ["dotnet", SampleOutputs.A0],
        });
        _remote = FlyteRemote.Connect(new RemoteOptions { Endpoint = _devbox.Endpoint });
    }

    public async Task DisposeAsync()
    {
        _remote.Dispose();
        await _devbox.DisposeAsync();
        _folder.Dispose();
    }

    private static IReadOnlyList<TaskDefinition> QuickstartTasks => SampleTasks.All(SampleOutputs.Quickstart, "Quickstart");

    private static TaskDefinition Square => QuickstartTasks.Single(t => t.Name == "quickstart.Square");

    private static LiteralMap SquareInputs => new() { Literals = { ["x"] = ScalarLiterals.FromInt64(3) } };

    [Fact]
    public async Task A_version_not_deployed_is_one_line_naming_task_version_and_what_to_do_and_no_run_starts()
    {
        var deployed = await _remote.DeployAsync(SampleOutputs.Quickstart, QuickstartTasks);
        Assert.NotEqual(NotDeployedVersion, deployed.Version);

        var error = await Assert.ThrowsAsync<FlyteRemoteException>(() => _remote.RunAtVersionAsync(Square, NotDeployedVersion, SquareInputs));

        Assert.Equal($"task quickstart.Square is not deployed at version {NotDeployedVersion} in flytesnacks/development at {_devbox.Endpoint}; "
            + "deploy it first (flyte deploy)", error.Message);
        Assert.Empty(await _remote.ListRunsAsync());
    }

    [Fact]
    public async Task A_task_never_deployed_is_one_line_naming_the_project_and_what_to_do()
    {
        var error = await Assert.ThrowsAsync<FlyteRemoteException>(() => _remote.RunAsync(Square, SquareInputs));

        Assert.Equal($"task quickstart.Square is not deployed in flytesnacks/development at {_devbox.Endpoint}; deploy it first (flyte deploy)", error.Message);
        Assert.Empty(await _remote.ListRunsAsync());
    }

    [Fact]
    public async Task A_run_another_client_sends_at_a_version_not_deployed_is_refused_as_NOT_FOUND_in_one_line()
    {
        await _remote.DeployAsync(SampleOutputs.Quickstart, QuickstartTasks);
        using var channel = GrpcChannel.ForAddress(_devbox.Endpoint);
        var runs = new RunService.RunServiceClient(channel);
        var request = new CreateRunRequest
        {
            ProjectId = new ProjectIdentifier { Name = "flytesnacks", Domain = "development" },
            TaskId = new Flyteidl2.Task.TaskIdentifier { Project = "flytesnacks", Domain = "development", Name = "quickstart.Square", Version = NotDeployedVersion },
            Inputs = Local.RunLayout.ToInputs(SquareInputs),
        };

        var error = await Assert.ThrowsAsync<RpcException>(() => runs.CreateRunAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal($"task quickstart.Square version {NotDeployedVersion} is not deployed in flytesnacks/development; deploy it first (flyte deploy)", error.Status.Detail);
        Assert.Empty(await _remote.ListRunsAsync());
    }
}
