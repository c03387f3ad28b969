using Flyte.Generation;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Workflow;

namespace Flyte.Devbox.Tests.EndToEnd;

/// <summary>
/// A task whose first attempt fails after a trace, run by a0 under the devbox: the retried attempt is a new a0 process
/// that finds the trace in its watch's replay and takes the recorded result (or the recorded non-recoverable failure)
/// instead of running the traced method again, as flyte-sdk's get_action_outputs does
/// (src/flyte/_internal/controllers/remote/_controller.py). The traced methods append to a file, so the count of lines
/// is the number of times their bodies ran, across processes.
/// </summary>
public sealed class TraceReplayTests : IAsyncLifetime
{
    private DevboxHarness _harness = null!;
    private readonly string _scratch = Directory.CreateTempSubdirectory("devbox-trace-replay-").FullName;

    public async Task InitializeAsync() => _harness = await DevboxHarness.StartAsync();

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        Directory.Delete(_scratch, recursive: true);
    }

    [Fact]
    public async Task A_retried_attempt_replays_the_trace_its_first_attempt_recorded()
    {
        var tasks = await _harness.DeployAsync(SampleOutputs.DevboxTestTasks, "Flyte.Devbox.Tests.Tasks", "traces.MeasureThenFailOnce");
        string log = Path.Combine(_scratch, "measure.log");

        var run = await _harness.StartRunAsync(tasks["traces.MeasureThenFailOnce"], new LiteralMap
        {
            Literals = { ["logPath"] = ScalarLiterals.FromString(log), ["x"] = ScalarLiterals.FromInt64(7) },
        });
        var details = await _harness.WaitAsync(run);

        Assert.True(details.Action.Status.Phase == ActionPhase.Succeeded, details.Action.ErrorInfo?.Message);
        Assert.Equal(2u, details.Action.Status.Attempts);
        Assert.Equal(21, (await _harness.OutputsAsync(run)).Literals["o0"].Scalar.Primitive.Integer);
        Assert.Equal(["ran"], await File.ReadAllLinesAsync(log));
        var trace = Assert.Single((await _harness.Runs.ListActionsAsync(new ListActionsRequest { RunId = run })).Actions,
            a => a.Metadata.ActionType == ActionType.Trace);
        Assert.Equal("Measure", trace.Metadata.Trace.Name);
        Assert.Equal("a0", trace.Metadata.Parent);
        Assert.Equal(ActionPhase.Succeeded, trace.Status.Phase);
    }

    [Fact]
    public async Task A_retried_attempt_gets_the_recorded_non_recoverable_failure_without_running_the_trace()
    {
        var tasks = await _harness.DeployAsync(SampleOutputs.DevboxTestTasks, "Flyte.Devbox.Tests.Tasks", "traces.RefuseThenFailOnce");
        string log = Path.Combine(_scratch, "refuse.log");

        var run = await _harness.StartRunAsync(tasks["traces.RefuseThenFailOnce"], new LiteralMap
        {
            Literals = { ["logPath"] = ScalarLiterals.FromString(log) },
        });
        var details = await _harness.WaitAsync(run);

        Assert.True(details.Action.Status.Phase == ActionPhase.Succeeded, details.Action.ErrorInfo?.Message);
        Assert.Equal(["refused"], await File.ReadAllLinesAsync(log));
        var trace = Assert.Single((await _harness.Runs.ListActionsAsync(new ListActionsRequest { RunId = run })).Actions,
            a => a.Metadata.ActionType == ActionType.Trace);
        string message = (await _harness.OutputsAsync(run)).Literals["o0"].Scalar.Primitive.StringValue;
        Assert.StartsWith($"trace Refuse (action {trace.Id.Name}) failed: ArgumentException: ", message);
        Assert.Contains("the measure is out of range", message);
        Assert.Equal(ActionPhase.Failed, trace.Status.Phase);
    }
}
