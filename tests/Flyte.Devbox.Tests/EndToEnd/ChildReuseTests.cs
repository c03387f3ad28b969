using Flyte.Generation;
using Flyteidl2.Actions;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Workflow;
using Grpc.Core;
using Grpc.Net.Client;

namespace Flyte.Devbox.Tests.EndToEnd;

/// <summary>
/// A child action is run once however often its parent runs: the devbox refuses a second Enqueue as Flyte's backend
/// does, and a retried parent takes its finished children from the watch's replay.
/// </summary>
public sealed class ChildReuseTests : IAsyncLifetime
{
    private const string Assembly = "Flyte.Devbox.Tests.Tasks";

    private DevboxHarness _harness = null!;
    private Dictionary<string, Flyteidl2.Task.TaskIdentifier> _tasks = null!;

    public async Task InitializeAsync()
    {
        _harness = await DevboxHarness.StartAsync();
        _tasks = await _harness.DeployAsync(SampleOutputs.DevboxTestTasks, Assembly, "slow.Naps", "slow.NapsThenStumble");
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private static LiteralMap Inputs(long count, long milliseconds) => new()
    {
        Literals = { ["count"] = ScalarLiterals.FromInt64(count), ["milliseconds"] = ScalarLiterals.FromInt64(milliseconds) },
    };

    private async Task<List<Flyteidl2.Workflow.Action>> ChildrenAsync(RunIdentifier run) =>
        (await _harness.Runs.ListActionsAsync(new ListActionsRequest { RunId = run })).Actions.Where(a => a.Id.Name != "a0").ToList();

    private async Task<IReadOnlyList<ActionAttempt>> AttemptsAsync(ActionIdentifier action) =>
        (await _harness.Runs.GetActionDetailsAsync(new GetActionDetailsRequest { ActionId = action })).Details.Attempts;

    [Fact]
    public async Task A_second_enqueue_of_the_same_task_action_answers_INTERNAL_already_exists_as_Flyte_does()
    {
        var run = await _harness.StartRunAsync(_tasks["slow.Naps"], Inputs(1, 60_000));
        List<Flyteidl2.Workflow.Action> children = [];
        await Until.TrueAsync(async () => (children = await ChildrenAsync(run)).Count > 0, "the parent to enqueue a child");
        var child = Assert.Single(children).Id;
        using var channel = GrpcChannel.ForAddress(_harness.Devbox.Endpoint);
        var again = new Flyteidl2.Actions.Action
        {
            ActionId = child,
            ParentActionName = "a0",
            InputUri = "file:///unused/inputs.pb",
            RunOutputBase = "file:///unused",
            Task = new TaskAction { Spec = new Flyteidl2.Task.TaskSpec { TaskTemplate = new TaskTemplate() } },
        };

        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            new ActionsService.ActionsServiceClient(channel).EnqueueAsync(new EnqueueRequest { Action = again }).ResponseAsync);
        await _harness.Runs.AbortRunAsync(new AbortRunRequest { RunId = run, Reason = "test" });

        Assert.Equal(StatusCode.Internal, refused.StatusCode);
        string resource = $"{run.Name}-{child.Name}";
        Assert.Equal($"failed to create TaskAction CR {resource}: taskactions.flyte.org \"{resource}\" already exists", refused.Status.Detail);
    }

    [Fact]
    public async Task A_retried_parent_reuses_its_finished_children_without_running_them_again()
    {
        var run = await _harness.StartRunAsync(_tasks["slow.NapsThenStumble"], Inputs(3, 100));

        var details = await _harness.WaitAsync(run);

        Assert.True(details.Action.Status.Phase == ActionPhase.Succeeded, details.Action.ErrorInfo?.Message);
        Assert.Equal(30, (await _harness.OutputsAsync(run)).Literals["o0"].Scalar.Primitive.Integer);
        Assert.Equal(2, (await AttemptsAsync(new ActionIdentifier { Run = run, Name = "a0" })).Count);
        var children = await ChildrenAsync(run);
        Assert.Equal(3, children.Count);
        foreach (var child in children)
        {
            var attempts = await AttemptsAsync(child.Id);
            Assert.True(attempts.Count == 1 && attempts[0].Phase == ActionPhase.Succeeded,
                $"child {child.Id.Name} ran {attempts.Count} times: {string.Join(", ", attempts.Select(a => a.Phase))}");
        }
    }
}
