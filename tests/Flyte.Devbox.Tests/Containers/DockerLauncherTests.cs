using Flyte.Generation;
using Flyte.Devbox.Execution;
using Flyte.Devbox.Tests.EndToEnd;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Workflow;
using Task = System.Threading.Tasks.Task;

namespace Flyte.Devbox.Tests.Containers;

/// <summary>
/// The devbox running every attempt as a container of the base task image on a real Docker engine (host network,
/// the task's limits), with the code from the deployed bundle: the same outputs as a local run, children created
/// from inside containers, and a task that goes over its memory limit killed, recorded and retried.
/// </summary>
[Collection(nameof(ContainerTestCollection))]
public sealed class DockerLauncherTests : IAsyncLifetime
{
    private DevboxHarness _harness = null!;
    private FileLock? _turn;

    public async Task InitializeAsync()
    {
        _turn = await ContainerServices.TakeTurnAsync();
        _harness = await DevboxHarness.StartAsync(configure: options => options with
        {
            Launcher = new DockerLauncher(new DockerLauncherOptions
            {
                DefaultImage = ContainerServices.BaseImage,
                SharedDirectories = [options.DataDirectory],
            }),
        });
        // The tasks run in the test base image, as a deploy that resolved their image to it would have them.
        _harness.TaskImage = ContainerServices.BaseImage;
    }

    public async Task DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
        _turn?.Dispose();
    }

    private static LiteralMap Inputs(string name, Literal value) => new() { Literals = { [name] = value } };

    [Fact]
    public async Task A_task_runs_in_a_container_and_returns_its_result()
    {
        var tasks = await _harness.DeployAsync(SampleOutputs.Quickstart, "Quickstart", "quickstart.Square");
        var inputs = Inputs("x", ScalarLiterals.FromInt64(7));

        var run = await _harness.StartRunAsync(tasks["quickstart.Square"], inputs);
        var details = await _harness.WaitAsync(run);

        Assert.True(details.Action.Status.Phase == ActionPhase.Succeeded, details.Action.ErrorInfo?.Message);
        Assert.Equal(49, (await _harness.OutputsAsync(run)).Literals["o0"].Scalar.Primitive.Integer);
        string log = await LogOfAsync(run, "a0");
        Assert.Contains($"in a container of {ContainerServices.BaseImage}", log);
        Assert.Contains("a0: quickstart.Square succeeded", log);
    }

    [Fact]
    public async Task A_declared_secret_reaches_the_task_in_its_container()
    {
        var tasks = await _harness.DeployAsync(SampleOutputs.DevboxTestTasks, "Flyte.Devbox.Tests.Tasks", "secrets.Token");
        await Flyte.Devbox.Tests.Secrets.SecretInjection.CreateAsync(_harness, "api-token", "from-the-devbox", DevboxHarness.Project, DevboxHarness.Domain);

        var run = await _harness.StartRunAsync(tasks["secrets.Token"], new LiteralMap());
        var details = await _harness.WaitAsync(run);

        Assert.True(details.Action.Status.Phase == ActionPhase.Succeeded, details.Action.ErrorInfo?.Message);
        Assert.Equal("from-the-devbox", (await _harness.OutputsAsync(run)).Literals["o0"].Scalar.Primitive.StringValue);
        Assert.DoesNotContain("from-the-devbox", await LogOfAsync(run, "a0"));
    }

    [Fact]
    public async Task A_workflow_in_a_container_creates_its_children_through_the_devbox()
    {
        var tasks = await _harness.DeployAsync(SampleOutputs.Quickstart, "Quickstart", "quickstart.MeanOfSquares", "quickstart.Square");
        var inputs = Inputs("n", ScalarLiterals.FromInt64(4));

        var run = await _harness.StartRunAsync(tasks["quickstart.MeanOfSquares"], inputs);
        var details = await _harness.WaitAsync(run, TimeSpan.FromMinutes(3));

        Assert.True(details.Action.Status.Phase == ActionPhase.Succeeded, details.Action.ErrorInfo?.Message);
        // (0 + 1 + 4 + 9) / 4
        Assert.Equal(3.5, (await _harness.OutputsAsync(run)).Literals["o0"].Scalar.Primitive.FloatValue);
        var actions = (await _harness.Runs.ListActionsAsync(new ListActionsRequest { RunId = run })).Actions;
        Assert.Equal(4, actions.Count(a => a.Metadata.Task.Id.Name == "quickstart.Square" && a.Status.Phase == ActionPhase.Succeeded));
    }

    [Fact]
    public async Task Training_runs_in_containers_with_its_secret_its_group_its_traces_and_its_report()
    {
        var tasks = await _harness.DeployAsync(SampleOutputs.Training, "Training", "training.CrossValidate", "training.LoadPoints", "training.TrainFold");
        await Flyte.Devbox.Tests.Secrets.SecretInjection.CreateAsync(_harness, "data-token", "from-the-devbox", DevboxHarness.Project, DevboxHarness.Domain);

        var run = await _harness.StartRunAsync(tasks["training.CrossValidate"], Inputs("folds", ScalarLiterals.FromInt64(2)));
        var details = await _harness.WaitAsync(run, TimeSpan.FromMinutes(3));

        Assert.True(details.Action.Status.Phase == ActionPhase.Succeeded, details.Action.ErrorInfo?.Message);
        var actions = (await _harness.Runs.ListActionsAsync(new ListActionsRequest { RunId = run })).Actions;
        var folds = actions.Where(a => a.Metadata.Task?.Id?.Name == "training.TrainFold").ToList();
        Assert.Equal(2, folds.Count);
        Assert.All(folds, fold => Assert.Equal("folds", fold.Metadata.Group));
        var traces = actions.Where(a => a.Metadata.ActionType == ActionType.Trace).ToList();
        Assert.Equal(folds.Select(f => f.Id.Name).Order(), traces.Select(t => t.Metadata.Parent).Order());
        Assert.All(traces, trace => Assert.Equal(ActionPhase.Succeeded, trace.Status.Phase));
        Assert.Contains("in a container of", await LogOfAsync(run, folds[0].Id.Name));
    }

    [Fact]
    public async Task A_task_over_its_memory_limit_is_killed_recorded_as_a_recoverable_system_error_and_retried()
    {
        var tasks = await _harness.DeployAsync(SampleOutputs.DevboxTestTasks, "Flyte.Devbox.Tests.Tasks", "memory.Hog");

        // Hog's limit is 128Mi; 512 MiB of touched native memory is far over it.
        var run = await _harness.StartRunAsync(tasks["memory.Hog"], Inputs("megabytes", ScalarLiterals.FromInt64(512)));
        var details = await _harness.WaitAsync(run, TimeSpan.FromMinutes(3));

        Assert.Equal(ActionPhase.Failed, details.Action.Status.Phase);
        Assert.Contains("more than its memory limit", details.Action.ErrorInfo.Message);
        Assert.Equal(ErrorInfo.Types.Kind.System, details.Action.ErrorInfo.Kind);
        Assert.Equal(2u, details.Action.Status.Attempts); // Retries = 1: the kill was recoverable, so it ran again
    }

    [Fact]
    public async Task The_same_task_under_its_memory_limit_succeeds_in_its_container()
    {
        var tasks = await _harness.DeployAsync(SampleOutputs.DevboxTestTasks, "Flyte.Devbox.Tests.Tasks", "memory.Hog");

        var run = await _harness.StartRunAsync(tasks["memory.Hog"], Inputs("megabytes", ScalarLiterals.FromInt64(16)));
        var details = await _harness.WaitAsync(run, TimeSpan.FromMinutes(3));

        Assert.True(details.Action.Status.Phase == ActionPhase.Succeeded, details.Action.ErrorInfo?.Message);
        Assert.Equal(16 * 256, Assert.Single((await _harness.OutputsAsync(run)).Literals).Value.Scalar.Primitive.Integer);
    }

    [Fact]
    public async Task Abort_stops_a_long_task_in_its_container_and_removes_the_container()
    {
        var tasks = await _harness.DeployAsync(SampleOutputs.DevboxTestTasks, "Flyte.Devbox.Tests.Tasks", "slow.Sleep");
        // The task sleeps ten times longer than the bound: ended within the bound, the abort stopped it.
        var bound = TimeSpan.FromSeconds(60);
        var run = await _harness.StartRunAsync(tasks["slow.Sleep"], Inputs("seconds", ScalarLiterals.FromInt64(600)));
        string attempt = Path.Combine(_harness.DataDirectory, "work", run.Project, run.Domain, run.Name, "a0", "0");
        await Until.TrueAsync(async () => (await ContainersOfAsync(attempt)).Count == 1, "the task's container to run", TimeSpan.FromMinutes(2));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await _harness.Runs.AbortRunAsync(new AbortRunRequest { RunId = run, Reason = "test" });
        RunDetails details;
        try
        {
            details = await _harness.WaitAsync(run, bound);
        }
        catch (Exception e) when (e is OperationCanceledException or Grpc.Core.RpcException { StatusCode: Grpc.Core.StatusCode.Cancelled })
        {
            throw new TimeoutException($"the aborted run did not end within {bound.TotalSeconds:F0} s", e);
        }

        Assert.Equal(ActionPhase.Aborted, details.Action.Status.Phase);
        Console.WriteLine($"the abort ended the run in {clock.Elapsed.TotalSeconds:F1} s (bound {bound.TotalSeconds:F0} s)");
        // The run is ABORTED once the container is stopped; its removal follows, a moment later on a busy engine.
        await Until.TrueAsync(async () => (await ContainersOfAsync(attempt)).Count == 0, "the aborted task's container to be removed", bound);
    }

    [Fact]
    public async Task A_reusable_environment_runs_its_actions_in_one_long_running_container()
    {
        var tasks = await _harness.DeployAsync(SampleOutputs.DevboxTestTasks, "Flyte.Devbox.Tests.Tasks", "warm.Calls");

        var first = await _harness.StartRunAsync(tasks["warm.Calls"], Inputs("x", ScalarLiterals.FromInt64(1)));
        var firstDetails = await _harness.WaitAsync(first, TimeSpan.FromMinutes(3));
        var second = await _harness.StartRunAsync(tasks["warm.Calls"], Inputs("x", ScalarLiterals.FromInt64(2)));
        var secondDetails = await _harness.WaitAsync(second, TimeSpan.FromMinutes(3));

        Assert.True(firstDetails.Action.Status.Phase == ActionPhase.Succeeded, firstDetails.Action.ErrorInfo?.Message);
        Assert.True(secondDetails.Action.Status.Phase == ActionPhase.Succeeded, secondDetails.Action.ErrorInfo?.Message);
        // The second action saw the first one's static state: the same process, in the same container.
        Assert.Equal(1, (await _harness.OutputsAsync(first)).Literals["o0"].Scalar.Primitive.Integer);
        Assert.Equal(2, (await _harness.OutputsAsync(second)).Literals["o0"].Scalar.Primitive.Integer);
        string firstLog = await LogOfAsync(first, "a0");
        string worker = firstLog[firstLog.IndexOf("on worker ", StringComparison.Ordinal)..].Split(')')[0];
        Assert.Contains("(container ", worker);
        Assert.Contains(worker, await LogOfAsync(second, "a0"));
        Assert.Contains("a0: warm.Calls succeeded", await LogOfAsync(second, "a0"));
    }

    /// <summary>The containers, running or not, the launcher made for an attempt (it labels them with the attempt's folder).</summary>
    private static async Task<IList<Docker.DotNet.Models.ContainerListResponse>> ContainersOfAsync(string attemptFolder)
    {
        using var docker = new Docker.DotNet.DockerClientConfiguration(Flyte.Images.DockerEngine.DefaultAddress()).CreateClient();
        return await docker.Containers.ListContainersAsync(new Docker.DotNet.Models.ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"org.flyte.devbox.attempt={attemptFolder}"] = true } },
        });
    }

    private Task<string> LogOfAsync(RunIdentifier run, string action) =>
        File.ReadAllTextAsync(Path.Combine(_harness.DataDirectory, "logs", run.Project, run.Domain, run.Name, action, "0.log"));
}

/// <summary>One container test class at a time: they share the machine's Docker engine and its two cores.</summary>
[CollectionDefinition(nameof(ContainerTestCollection), DisableParallelization = true)]
public sealed class ContainerTestCollection;
