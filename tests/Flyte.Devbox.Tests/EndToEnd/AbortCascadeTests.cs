using Flyte.Generation;
using System.Diagnostics;
using Flyte.Devbox.Execution;
using Flyte.Devbox.Runs;
using Flyteidl2.Actions;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Workflow;
using Grpc.Core;
using Grpc.Net.Client;
using Action = Flyteidl2.Workflow.Action;

namespace Flyte.Devbox.Tests.EndToEnd;

/// <summary>
/// Aborting a workflow's action stops everything under it, whichever API asks: the children that run are killed, the
/// children still waiting for a slot never start, every one ends ABORTED, and no process is left behind.
/// </summary>
public sealed class AbortCascadeTests : IAsyncLifetime
{
    private const string Assembly = "Flyte.Devbox.Tests.Tasks";
    private const int Children = 4;

    /// <summary>Two slots: the parent gives its own back while it waits, so two naps run and two wait.</summary>
    private const int Slots = 2;

    private DevboxHarness _harness = null!;
    private GrpcChannel _channel = null!;
    private Flyteidl2.Task.TaskIdentifier _napsSideBySide = null!;

    public async Task InitializeAsync()
    {
        _harness = await DevboxHarness.StartAsync(maxConcurrentActions: Slots);
        _channel = GrpcChannel.ForAddress(_harness.Devbox.Endpoint);
        _napsSideBySide = (await _harness.DeployAsync(SampleOutputs.DevboxTestTasks, Assembly, "slow.NapsSideBySide", "slow.Nap"))["slow.NapsSideBySide"];
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _harness.DisposeAsync();
    }

    public static TheoryData<string> Apis => ["RunService.AbortRun", "RunService.AbortAction", "ActionsService.Abort", "QueueService.AbortQueuedAction"];

    [Theory]
    [MemberData(nameof(Apis))]
    public async Task Aborting_the_workflow_ends_its_running_and_waiting_children_aborted_and_leaves_no_process(string api)
    {
        var run = await _harness.StartRunAsync(_napsSideBySide, new LiteralMap
        {
            Literals = { ["count"] = ScalarLiterals.FromInt64(Children), ["milliseconds"] = ScalarLiterals.FromInt64(600_000) },
        });
        await Until.TrueAsync(async () => IsSplit(await ChildrenAsync(run)), $"{Slots} naps running and {Children - Slots} waiting for a slot");
        List<Process>? processes = null;
        await Until.TrueAsync(() => Task.FromResult((processes = AttemptProcesses(Slots + 1)) is not null), $"the parent's and {Slots} naps' processes to be running");
        var waiting = (await ChildrenAsync(run)).Where(child => child.Status.Phase == ActionPhase.WaitingForResources).Select(child => child.Id.Name).ToList();

        await AbortAsync(api, new ActionIdentifier { Run = run, Name = "a0" });
        var details = await _harness.WaitAsync(run);
        await Until.TrueAsync(async () => (await ChildrenAsync(run)).All(child => RunBook.IsTerminal(child.Status.Phase)), "every child to end");

        Assert.Equal(ActionPhase.Aborted, details.Action.Status.Phase);
        var children = await ChildrenAsync(run);
        Assert.Equal(Children, children.Count);
        Assert.All(children, child => Assert.Equal(ActionPhase.Aborted, child.Status.Phase));
        foreach (string name in waiting)
        {
            var attempts = (await _harness.Runs.GetActionDetailsAsync(new GetActionDetailsRequest { ActionId = new ActionIdentifier { Run = run, Name = name } })).Details.Attempts;
            Assert.True(attempts.Count == 0, $"{name} was waiting for a slot when the abort came, yet it started {attempts.Count} attempts");
        }
        foreach (var process in processes!)
        {
            using (process)
            {
                Assert.True(process.WaitForExit(Until.DefaultBound), $"process {process.Id} still runs {Until.DefaultBound.TotalSeconds:0} s after the abort");
            }
        }
        Assert.Empty(Markers());
    }

    [Theory]
    [MemberData(nameof(ChildEnqueues.Apis), MemberType = typeof(ChildEnqueues))]
    public async Task An_aborted_child_takes_no_children_of_its_own_while_its_run_goes_on(string api)
    {
        var run = await _harness.StartRunAsync(_napsSideBySide, new LiteralMap
        {
            Literals = { ["count"] = ScalarLiterals.FromInt64(Children), ["milliseconds"] = ScalarLiterals.FromInt64(600_000) },
        });
        await Until.TrueAsync(async () => IsSplit(await ChildrenAsync(run)), $"{Slots} naps running and {Children - Slots} waiting for a slot");
        string waiting = (await ChildrenAsync(run)).First(child => child.Status.Phase == ActionPhase.WaitingForResources).Id.Name;

        // A waiting child ends ABORTED at once; its run goes on, as the workflow still waits for the running naps.
        await _harness.Runs.AbortActionAsync(new AbortActionRequest { ActionId = new ActionIdentifier { Run = run, Name = waiting }, Reason = "test" });
        var refused = await Assert.ThrowsAsync<RpcException>(() => ChildEnqueues.EnqueueAsync(_channel, api, run, "grandchild", parent: waiting));
        var actions = (await _harness.Runs.ListActionsAsync(new ListActionsRequest { RunId = run })).Actions;
        await _harness.Runs.AbortRunAsync(new AbortRunRequest { RunId = run, Reason = "test" });

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Equal($"action {waiting} of run {run.Name} has been aborted; it takes no new children", refused.Status.Detail);
        Assert.Equal(ActionPhase.Running, actions.Single(action => action.Id.Name == "a0").Status.Phase);
        Assert.DoesNotContain(actions, action => action.Id.Name == "grandchild");
        Assert.Equal(ActionPhase.Aborted, (await _harness.WaitAsync(run)).Action.Status.Phase);
    }

    private Task AbortAsync(string api, ActionIdentifier action) => api switch
    {
        "RunService.AbortRun" => _harness.Runs.AbortRunAsync(new AbortRunRequest { RunId = action.Run, Reason = "test" }).ResponseAsync,
        "RunService.AbortAction" => _harness.Runs.AbortActionAsync(new AbortActionRequest { ActionId = action, Reason = "test" }).ResponseAsync,
        "ActionsService.Abort" => new ActionsService.ActionsServiceClient(_channel).AbortAsync(new AbortRequest { ActionId = action, Reason = "test" }).ResponseAsync,
        "QueueService.AbortQueuedAction" => new QueueService.QueueServiceClient(_channel).AbortQueuedActionAsync(new AbortQueuedActionRequest { ActionId = action, Reason = "test" }).ResponseAsync,
        _ => throw new ArgumentOutOfRangeException(nameof(api), api, null),
    };

    private static bool IsSplit(IReadOnlyList<Action> children) =>
        children.Count == Children
        && children.Count(child => child.Status.Phase == ActionPhase.Running) == Slots
        && children.Count(child => child.Status.Phase == ActionPhase.WaitingForResources) == Children - Slots;

    private async Task<IReadOnlyList<Action>> ChildrenAsync(RunIdentifier run) =>
        (await _harness.Runs.ListActionsAsync(new ListActionsRequest { RunId = run })).Actions.Where(action => action.Id.Name != "a0").ToList();

    /// <summary>
    /// The processes the markers name, when there are <paramref name="expected"/> of them; null otherwise. A marker is
    /// created before it is written, so one read empty is simply not there yet.
    /// </summary>
    private List<Process>? AttemptProcesses(int expected)
    {
        var found = Markers().Select(marker => RunningProcess.Find(File.ReadAllText(marker))).OfType<Process>().ToList();
        if (found.Count == expected)
        {
            return found;
        }
        found.ForEach(process => process.Dispose());
        return null;
    }

    /// <summary>The process launcher's markers of running attempts (<c>&lt;attempt&gt;.running</c>: the process id and start time).</summary>
    private string[] Markers()
    {
        string work = new DevboxPaths(_harness.DataDirectory).WorkRoot;
        return Directory.Exists(work) ? Directory.GetFiles(work, "*.running", SearchOption.AllDirectories) : [];
    }
}
