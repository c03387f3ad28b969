using Flyte.Generation;
using Flyte.Devbox.Execution;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Workflow;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Flyte.Devbox.Tests.EndToEnd;

/// <summary>
/// A run that has ended takes no new actions, through either API a parent's controller may use (a late controller, or
/// a client replaying an old request): the answer is FAILED_PRECONDITION with the run's end, and the run is as it was.
/// The same holds from the moment an abort is asked for, before the parent's process is gone (the launcher holds an
/// aborted attempt until the test releases it), and for a parent that has ended while its run goes on.
/// </summary>
public sealed class EnqueueIntoEndedRunTests : IAsyncLifetime
{
    private const string Assembly = "Flyte.Devbox.Tests.Tasks";

    private DevboxHarness _harness = null!;
    private readonly HeldLauncher _launcher = new(new ProcessLauncher(["dotnet", SampleOutputs.A0]));
    private GrpcChannel _channel = null!;
    private Dictionary<string, Flyteidl2.Task.TaskIdentifier> _tasks = null!;

    public async Task InitializeAsync()
    {
        _harness = await DevboxHarness.StartAsync(configure: options => options with { Launcher = _launcher });
        _channel = GrpcChannel.ForAddress(_harness.Devbox.Endpoint);
        _tasks = await _harness.DeployAsync(SampleOutputs.DevboxTestTasks, Assembly, "slow.Nap", "slow.Explode", "slow.Sleep");
    }

    public async Task DisposeAsync()
    {
        _launcher.Release();
        _channel.Dispose();
        await _harness.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(ChildEnqueues.Apis), MemberType = typeof(ChildEnqueues))]
    public async Task A_run_that_succeeded_takes_no_new_action(string api)
    {
        var run = await _harness.StartRunAsync(_tasks["slow.Nap"], Inputs(("index", 1), ("milliseconds", 0)));
        Assert.Equal(ActionPhase.Succeeded, (await _harness.WaitAsync(run)).Action.Status.Phase);

        await AssertRefusedAsync(api, run, $"run {run.Name} has ended (Succeeded); it takes no new actions");
    }

    [Theory]
    [MemberData(nameof(ChildEnqueues.Apis), MemberType = typeof(ChildEnqueues))]
    public async Task A_run_that_failed_takes_no_new_action(string api)
    {
        var run = await _harness.StartRunAsync(_tasks["slow.Explode"], Inputs(("x", 7)));
        Assert.Equal(ActionPhase.Failed, (await _harness.WaitAsync(run)).Action.Status.Phase);

        await AssertRefusedAsync(api, run, $"run {run.Name} has ended (Failed); it takes no new actions");
    }

    [Theory]
    [MemberData(nameof(ChildEnqueues.Apis), MemberType = typeof(ChildEnqueues))]
    public async Task A_run_that_was_aborted_takes_no_new_action(string api)
    {
        var run = await _harness.StartRunAsync(_tasks["slow.Sleep"], Inputs(("seconds", 600)));
        await _harness.Runs.AbortRunAsync(new AbortRunRequest { RunId = run, Reason = "test" });
        _launcher.Release();
        Assert.Equal(ActionPhase.Aborted, (await _harness.WaitAsync(run)).Action.Status.Phase);

        await AssertRefusedAsync(api, run, $"run {run.Name} has ended (Aborted); it takes no new actions");
    }

    [Theory]
    [MemberData(nameof(ChildEnqueues.Apis), MemberType = typeof(ChildEnqueues))]
    public async Task A_parent_being_aborted_takes_no_new_child_even_before_its_process_is_gone(string api)
    {
        var run = await StartAbortedSleepAsync();

        var refused = await Assert.ThrowsAsync<RpcException>(() => EnqueueAsync(api, run, "late"));
        var rootWhenRefused = await RootPhaseAsync(run);
        _launcher.Release();

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Equal($"action a0 of run {run.Name} has been aborted; it takes no new children", refused.Status.Detail);
        Assert.Equal(ActionPhase.Running, rootWhenRefused);
        Assert.Equal(ActionPhase.Aborted, (await _harness.WaitAsync(run)).Action.Status.Phase);
        Assert.Equal(["a0"], await ActionNamesAsync(run));
    }

    [Theory]
    [MemberData(nameof(ChildEnqueues.Apis), MemberType = typeof(ChildEnqueues))]
    public async Task A_refused_child_leaves_its_parent_holding_its_slot(string api)
    {
        var run = await StartAbortedSleepAsync();
        var pool = _harness.Devbox.Services.GetRequiredService<ResourcePool>();
        Assert.Equal(1, pool.InUse);

        await Assert.ThrowsAsync<RpcException>(() => EnqueueAsync(api, run, "late"));

        // The parent's process still runs: had the refusal given its slot back, another action could start beside it.
        Assert.Equal(1, pool.InUse);
        _launcher.Release();
        Assert.Equal(ActionPhase.Aborted, (await _harness.WaitAsync(run)).Action.Status.Phase);
    }

    [Theory]
    [MemberData(nameof(ChildEnqueues.Apis), MemberType = typeof(ChildEnqueues))]
    public async Task A_child_that_has_ended_takes_no_children_of_its_own_while_its_run_goes_on(string api)
    {
        var run = await _harness.StartRunAsync(_tasks["slow.Sleep"], Inputs(("seconds", 600)));
        await Until.TrueAsync(async () => await RootPhaseAsync(run) == ActionPhase.Running, "the parent to run");
        await EnqueueAsync(api, run, "child");
        // The child's spec has no args: its a0 process gets none, writes no outputs and it fails.
        await Until.TrueAsync(async () => await PhaseAsync(run, "child") == ActionPhase.Failed, "the child to fail");

        var refused = await Assert.ThrowsAsync<RpcException>(() => ChildEnqueues.EnqueueAsync(_channel, api, run, "grandchild", parent: "child"));
        var actions = await ActionNamesAsync(run);
        var rootWhenRefused = await RootPhaseAsync(run);
        await _harness.Runs.AbortRunAsync(new AbortRunRequest { RunId = run, Reason = "test" });
        _launcher.Release();

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Equal($"action child of run {run.Name} has ended (Failed); it takes no new children", refused.Status.Detail);
        Assert.Equal(ActionPhase.Running, rootWhenRefused);
        Assert.Equal(["a0", "child"], actions.Order(StringComparer.Ordinal));
        Assert.Equal(ActionPhase.Aborted, (await _harness.WaitAsync(run)).Action.Status.Phase);
    }

    /// <summary>A run of slow.Sleep whose abort has been asked for, its attempt held by the launcher: RUNNING until released.</summary>
    private async Task<RunIdentifier> StartAbortedSleepAsync()
    {
        var run = await _harness.StartRunAsync(_tasks["slow.Sleep"], Inputs(("seconds", 600)));
        await Until.TrueAsync(async () => await RootPhaseAsync(run) == ActionPhase.Running, "the parent to run");
        await _harness.Runs.AbortRunAsync(new AbortRunRequest { RunId = run, Reason = "test" });
        return run;
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

    private Task EnqueueAsync(string api, RunIdentifier run, string name) => ChildEnqueues.EnqueueAsync(_channel, api, run, name);

    private async Task<ActionPhase> RootPhaseAsync(RunIdentifier run) =>
        (await _harness.Runs.GetRunDetailsAsync(new GetRunDetailsRequest { RunId = run })).Details.Action.Status.Phase;

    private async Task<ActionPhase> PhaseAsync(RunIdentifier run, string action) =>
        (await _harness.Runs.GetActionDetailsAsync(new GetActionDetailsRequest { ActionId = new ActionIdentifier { Run = run, Name = action } })).Details.Status.Phase;

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
