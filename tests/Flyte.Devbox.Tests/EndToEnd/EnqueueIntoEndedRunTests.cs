using Flyte.Literals;
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
        Assert.Equal(ActionPhase.Aborted, (await _harness.WaitAsync(run)).Action.Status.Phase);

        await AssertRefusedAsync(api, run, $"run {run.Name} has ended (Aborted); it takes no new actions");
    }

    [Theory]
    [MemberData(nameof(ChildEnqueues.Apis), MemberType = typeof(ChildEnqueues))]
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

    private Task EnqueueAsync(string api, RunIdentifier run, string name) => ChildEnqueues.EnqueueAsync(_channel, api, run, name);

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
