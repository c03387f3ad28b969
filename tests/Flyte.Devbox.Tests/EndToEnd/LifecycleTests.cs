using Flyte.Generation;
using System.Diagnostics;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Workflow;

namespace Flyte.Devbox.Tests.EndToEnd;

/// <summary>How runs end other than by succeeding, and what survives a restart of the devbox.</summary>
public sealed class LifecycleTests : IAsyncLifetime
{
    private const string Assembly = "Flyte.Devbox.Tests.Tasks";

    private DevboxHarness _harness = null!;
    private Dictionary<string, Flyteidl2.Task.TaskIdentifier> _tasks = null!;

    public async Task InitializeAsync()
    {
        _harness = await DevboxHarness.StartAsync();
        _tasks = await _harness.DeployAsync(SampleOutputs.DevboxTestTasks, Assembly, "slow.Sleep", "slow.TooSlow", "slow.Nap", "slow.Naps", "slow.Explode");
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private static LiteralMap Inputs(params (string Name, long Value)[] inputs)
    {
        var map = new LiteralMap();
        foreach (var (name, value) in inputs)
        {
            map.Literals[name] = ScalarLiterals.FromInt64(value);
        }
        return map;
    }

    private async Task<IReadOnlyList<Flyteidl2.Workflow.Action>> ActionsAsync(RunIdentifier run) =>
        (await _harness.Runs.ListActionsAsync(new ListActionsRequest { RunId = run })).Actions;

    [Fact]
    public async Task Abort_stops_a_long_task_long_before_it_would_end()
    {
        // The task sleeps ten times longer than the bound: ended within the bound, the abort stopped it.
        var bound = TimeSpan.FromSeconds(60);
        var run = await _harness.StartRunAsync(_tasks["slow.Sleep"], Inputs(("seconds", 600)));
        await Until.TrueAsync(async () => (await ActionsAsync(run)).Single().Status.Phase == ActionPhase.Running, "the task to start running");

        var clock = Stopwatch.StartNew();
        await _harness.Runs.AbortRunAsync(new AbortRunRequest { RunId = run, Reason = "test" });
        var details = await WaitWithinAsync(run, bound, "the aborted run to end");

        Assert.Equal(ActionPhase.Aborted, details.Action.Status.Phase);
        Console.WriteLine($"the abort ended the run in {clock.Elapsed.TotalSeconds:F1} s (bound {bound.TotalSeconds:F0} s)");
    }

    private async Task<RunDetails> WaitWithinAsync(RunIdentifier run, TimeSpan bound, string what)
    {
        try
        {
            return await _harness.WaitAsync(run, bound);
        }
        catch (Exception e) when (e is OperationCanceledException or Grpc.Core.RpcException { StatusCode: Grpc.Core.StatusCode.Cancelled })
        {
            throw new TimeoutException($"gave up waiting {bound.TotalSeconds:F0} s for {what}", e);
        }
    }

    [Fact]
    public async Task A_task_over_its_timeout_is_stopped_and_the_run_times_out()
    {
        var run = await _harness.StartRunAsync(_tasks["slow.TooSlow"], Inputs(("seconds", 120)));

        var details = await _harness.WaitAsync(run, TimeSpan.FromSeconds(60));

        Assert.Equal(ActionPhase.TimedOut, details.Action.Status.Phase);
        Assert.Contains("timeout", details.Action.ErrorInfo.Message);
    }

    [Fact]
    public async Task A_failing_task_fails_its_run_with_the_users_message_and_is_not_retried_when_not_recoverable()
    {
        var run = await _harness.StartRunAsync(_tasks["slow.Explode"], Inputs(("x", 7)));

        var details = await _harness.WaitAsync(run);

        Assert.Equal(ActionPhase.Failed, details.Action.Status.Phase);
        Assert.Equal(ErrorInfo.Types.Kind.User, details.Action.ErrorInfo.Kind);
        Assert.Contains("InvalidOperationException: cannot handle 7", details.Action.ErrorInfo.Message);
        Assert.Equal(1u, details.Action.Status.Attempts);
    }

    [Fact]
    public async Task A_restart_in_the_middle_of_a_run_loses_nothing_and_runs_no_finished_child_twice()
    {
        var run = await _harness.StartRunAsync(_tasks["slow.Naps"], Inputs(("count", 6), ("milliseconds", 800)));
        await Until.TrueAsync(async () => (await ActionsAsync(run)).Count(a => a.Id.Name != "a0" && a.Status.Phase == ActionPhase.Succeeded) >= 2,
            "two children to finish");

        await _harness.StopDevboxAsync();
        await _harness.StartDevboxAsync();
        var details = await _harness.WaitAsync(run);

        Assert.True(details.Action.Status.Phase == ActionPhase.Succeeded, details.Action.ErrorInfo?.Message);
        Assert.Equal(150, (await _harness.OutputsAsync(run)).Literals["o0"].Scalar.Primitive.Integer);
        var children = (await ActionsAsync(run)).Where(a => a.Id.Name != "a0").ToList();
        Assert.Equal(6, children.Count);
        Assert.All(children, child => Assert.Equal(ActionPhase.Succeeded, child.Status.Phase));
        foreach (var child in children)
        {
            var attempts = (await _harness.Runs.GetActionDetailsAsync(new GetActionDetailsRequest { ActionId = child.Id })).Details.Attempts;
            Assert.True(attempts.Count(a => a.Phase == ActionPhase.Succeeded) == 1, $"child {child.Id.Name} succeeded {attempts.Count(a => a.Phase == ActionPhase.Succeeded)} times");
        }
    }
}
