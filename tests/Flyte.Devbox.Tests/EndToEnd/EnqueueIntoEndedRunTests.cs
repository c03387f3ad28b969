using Flyte.Literals;
using Flyteidl2.Actions;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Workflow;
using Grpc.Core;
using Grpc.Net.Client;

namespace Flyte.Devbox.Tests.EndToEnd;

/// <summary>
/// A run that has ended takes no new actions, through either API a parent's controller may use (a late controller, or
/// a client replaying an old request): the answer is FAILED_PRECONDITION with the run's end, and the run is as it was.
/// The same holds from the moment an abort is asked for, before the parent's process is gone.
/// </summary>
public sealed class EnqueueIntoEndedRunTests : IAsyncLifetime
{
    private const string Assembly = "Flyte.Devbox.Tests.Tasks";

    private DevboxHarness _harness = null!;
    private GrpcChannel _channel = null!;
    private Dictionary<string, Flyteidl2.Task.TaskIdentifier> _tasks = null!;

    public async Task InitializeAsync()
    {
        _harness = await DevboxHarness.StartAsync();
        _channel = GrpcChannel.ForAddress(_harness.Devbox.Endpoint);
        _tasks = await _harness.DeployAsync(SampleOutputs.DevboxTestTasks, Assembly, "slow.Nap", "slow.Explode", "slow.Sleep");
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _harness.DisposeAsync();
    }

    public static TheoryData<string> Apis => ["ActionsService.Enqueue", "QueueService.EnqueueAction"];

    [Theory]
    [MemberData(nameof(Apis))]
    public async Task A_run_that_succeeded_takes_no_new_action(string api)
    {
        var run = await _harness.StartRunAsync(_tasks["slow.Nap"], Inputs(("index", 1), ("milliseconds", 0)));
        Assert.Equal(ActionPhase.Succeeded, (await _harness.WaitAsync(run)).Action.Status.Phase);

        await AssertRefusedAsync(api, run, $"run {run.Name} has ended (Succeeded); it takes no new actions");
    }

    [Theory]
    [MemberData(nameof(Apis))]
    public async Task A_run_that_failed_takes_no_new_action(string api)
    {
        var run = await _harness.StartRunAsync(_tasks["slow.Explode"], Inputs(("x", 7)));
        Assert.Equal(ActionPhase.Failed, (await _harness.WaitAsync(run)).Action.Status.Phase);

        await AssertRefusedAsync(api, run, $"run {run.Name} has ended (Failed); it takes no new actions");
    }

    [Theory]
    [MemberData(nameof(Apis))]
    public async Task A_run_that_was_aborted_takes_no_new_action(string api)
    {
        var run = await _harness.StartRunAsync(_tasks["slow.Sleep"], Inputs(("seconds", 600)));
        await _harness.Runs.AbortRunAsync(new AbortRunRequest { RunId = run, Reason = "test" });
        Assert.Equal(ActionPhase.Aborted, (await _harness.WaitAsync(run)).Action.Status.Phase);

        await AssertRefusedAsync(api, run, $"run {run.Name} has ended (Aborted); it takes no new actions");
    }

    [Theory]
    [MemberData(nameof(Apis))]
    public async Task A_parent_being_aborted_takes_no_new_child_even_before_its_process_is_gone(string api)
    {
        var run = await _harness.StartRunAsync(_tasks["slow.Sleep"], Inputs(("seconds", 600)));
        await Until.TrueAsync(async () => await RootPhaseAsync(run) == ActionPhase.Running, "the parent to run");

        // The abort returns once asked for; the process is killed after. A child stored in between would run unstopped.
        await _harness.Runs.AbortRunAsync(new AbortRunRequest { RunId = run, Reason = "test" });
        var refused = await Assert.ThrowsAsync<RpcException>(() => EnqueueAsync(api, run, "late"));
        Assert.Equal(ActionPhase.Aborted, (await _harness.WaitAsync(run)).Action.Status.Phase);

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains(refused.Status.Detail, new[]
        {
            $"action a0 of run {run.Name} has been aborted; it takes no new children",
            $"run {run.Name} has ended (Aborted); it takes no new actions",
        });
        Assert.Equal(["a0"], await ActionNamesAsync(run));
    }

    private async Task AssertRefusedAsync(string api, RunIdentifier run, string expected)
    {
        var before = (await _harness.Runs.ListActionsAsync(new ListActionsRequest { RunId = run })).Actions.ToList();

        var refused = await Assert.ThrowsAsync<RpcException>(() => EnqueueAsync(api, run, "late"));

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Equal(expected, refused.Status.Detail);
        Assert.Equal(before, (await _harness.Runs.ListActionsAsync(new ListActionsRequest { RunId = run })).Actions.ToList());
        var missing = await Assert.ThrowsAsync<RpcException>(() => _harness.Runs.GetActionDetailsAsync(new GetActionDetailsRequest
        {
            ActionId = new ActionIdentifier { Run = run, Name = "late" },
        }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    /// <summary>A well-formed child of a0, as a parent's controller sends it: only the run's state can refuse it.</summary>
    private Task EnqueueAsync(string api, RunIdentifier run, string name)
    {
        var id = new ActionIdentifier { Run = run, Name = name };
        var task = new TaskAction
        {
            Id = new Flyteidl2.Task.TaskIdentifier { Name = "slow.Nap", Version = "v1" },
            Spec = new Flyteidl2.Task.TaskSpec { TaskTemplate = new TaskTemplate { Container = new Container { Image = "localhost:5000/any:1" } } },
        };
        const string inputUri = "file:///unused/inputs.pb";
        const string outputBase = "file:///unused";
        return api switch
        {
            "ActionsService.Enqueue" => new ActionsService.ActionsServiceClient(_channel).EnqueueAsync(new EnqueueRequest
            {
                Action = new Flyteidl2.Actions.Action { ActionId = id, ParentActionName = "a0", InputUri = inputUri, RunOutputBase = outputBase, Task = task },
            }).ResponseAsync,
            "QueueService.EnqueueAction" => new QueueService.QueueServiceClient(_channel).EnqueueActionAsync(new EnqueueActionRequest
            {
                ActionId = id, ParentActionName = "a0", InputUri = inputUri, RunOutputBase = outputBase, Task = task,
            }).ResponseAsync,
            _ => throw new ArgumentOutOfRangeException(nameof(api), api, null),
        };
    }

    private async Task<ActionPhase> RootPhaseAsync(RunIdentifier run) =>
        (await _harness.Runs.GetRunDetailsAsync(new GetRunDetailsRequest { RunId = run })).Details.Action.Status.Phase;

    private async Task<List<string>> ActionNamesAsync(RunIdentifier run) =>
        (await _harness.Runs.ListActionsAsync(new ListActionsRequest { RunId = run })).Actions.Select(action => action.Id.Name).ToList();

    private static LiteralMap Inputs(params (string Name, long Value)[] inputs)
    {
        var map = new LiteralMap();
        foreach (var (name, value) in inputs)
        {
            map.Literals[name] = ScalarLiterals.FromInt64(value);
        }
        return map;
    }
}
