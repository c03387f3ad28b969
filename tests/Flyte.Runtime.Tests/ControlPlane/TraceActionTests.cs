using Flyte.Generation;
using Flyte.Hashing;
using Flyte.Local;
using Flyteidl2.Workflow;
using ActionPhase = Flyteidl2.Common.ActionPhase;
using Flyte.Storage;
using Flyte.Tasks;
using Flyteidl2.Common;
using Flyteidl2.Core;
using static Flyte.Runtime.Tests.ControlPlane.ControllerTestBed;

namespace Flyte.Runtime.Tests.ControlPlane;

/// <summary>
/// Traces under a0, against what flyte-sdk does (src/flyte/_trace.py; get_action_outputs and record_trace in
/// src/flyte/_internal/controllers/remote/_controller.py; Action.from_trace in .../remote/_action.py; _bg_launch in
/// .../remote/_core.py): the inputs go to <c>runBase/name/inputs.pb</c>, the outputs to <c>runBase/name/outputs.pb</c>,
/// and a finished TraceAction is enqueued under the running task; a retried attempt finds the trace in the watch's
/// replay and takes its outputs, or throws its non-recoverable failure again, instead of running it.
/// </summary>
public sealed class TraceActionTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("a0-trace-tests-").FullName;
    private readonly ControllerTestBed _bed;
    private int _runs;

    public TraceActionTests() => _bed = new ControllerTestBed(_work);

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private string RunBase => Path.Combine(_work, "run");

    /// <summary>A trace <c>Fetch(x: int) -> int</c>, written by hand as the generator writes one.</summary>
    private sealed class FetchTrace() : TraceDefinition("Fetch", "3f1c0d", "Tests.Steps.Fetch")
    {
        public static FetchTrace Instance { get; } = new();

        public override TypedInterface Interface { get; } = new()
        {
            Inputs = new VariableMap { Variables = { new VariableEntry { Key = "x", Value = new Variable { Type = LiteralTypes.Integer } } } },
            Outputs = new VariableMap { Variables = { new VariableEntry { Key = "o0", Value = new Variable { Type = LiteralTypes.Integer } } } },
        };

        public override IReadOnlyList<string> InputNames { get; } = ["x"];
    }

    private static LiteralMap Inputs(long x) => new() { Literals = { ["x"] = ScalarLiterals.FromInt64(x) } };

    private static LiteralMap Outputs(long value) => new() { Literals = { ["o0"] = ScalarLiterals.FromInt64(value) } };

    private static long Decode(LiteralMap outputs) => outputs.Literals["o0"].Scalar.Primitive.Integer;

    private Task<long> FetchAsync(ITaskRunner runner, long x, Func<long, Task<long>>? body = null) =>
        TraceCalls.RunAsync(runner, FetchTrace.Instance, Inputs(x), () =>
        {
            Interlocked.Increment(ref _runs);
            return body?.Invoke(x) ?? Task.FromResult(x * 10);
        }, Outputs, Decode);

    /// <summary>A fake control plane on loopback and a0's connection to it.</summary>
    private sealed record ControlPlane(FakeActionsService Service, ActionsServer Server, Flyte.Runtime.Controller.ControlPlaneConnection Connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Connection.Dispose();
            await Server.DisposeAsync();
        }
    }

    private static async Task<ControlPlane> ControlPlaneAsync(FakeActionsService service)
    {
        var server = await ActionsServer.StartAsync(service);
        return new ControlPlane(service, server, Connect(server.Endpoint));
    }

    private static string ExpectedName(long x, string parent = "a0", string? group = null) =>
        ChildActionName.Compute(parent, InputsHash.Compute([("x", ScalarLiterals.FromInt64(x))]), "Fetch-3f1c0d", 1, group);

    [Fact]
    public async Task A_trace_is_enqueued_as_the_finished_trace_action_flyte_sdk_sends()
    {
        await using var plane = await ControlPlaneAsync(new FakeActionsService((action, _) => _bed.EndWithOutputAsync(action, ActionPhase.Succeeded, 0)));
        var service = plane.Service;
        await using var controller = _bed.Controller(plane.Connection);

        var before = DateTimeOffset.UtcNow;
        Assert.Equal(30, await WithinBoundAsync(FetchAsync(controller, 3), "the trace call"));

        var action = Assert.Single(service.Enqueued).Action;
        string name = ExpectedName(3);
        Assert.Equal(name, action.ActionId.Name);
        Assert.Equal(Parent.Run, action.ActionId.Run);
        Assert.Equal("a0", action.ParentActionName);
        Assert.Equal(ProtoObjects.Join(ProtoObjects.Join(RunBase, name), "inputs.pb"), action.InputUri);
        Assert.Equal(RunBase, action.RunOutputBase);
        Assert.Equal("", action.Group);
        Assert.Equal(Flyteidl2.Actions.Action.SpecOneofCase.Trace, action.SpecCase);
        var trace = action.Trace;
        Assert.Equal("Fetch", trace.Name);
        Assert.Equal(ActionPhase.Succeeded, trace.Phase);
        Assert.InRange(trace.StartTime.ToDateTimeOffset(), before.AddSeconds(-1), trace.EndTime.ToDateTimeOffset());
        Assert.Equal(ProtoObjects.Join(ProtoObjects.Join(RunBase, name), "outputs.pb"), trace.Outputs.OutputUri);
        Assert.Equal("", trace.Outputs.ReportUri);
        Assert.Equal(FetchTrace.Instance.Interface, trace.Spec.Interface);

        var inputs = Flyteidl2.Task.Inputs.Parser.ParseFrom(File.ReadAllBytes(action.InputUri));
        Assert.Equal(3, Assert.Single(inputs.Literals, l => l.Name == "x").Value.Scalar.Primitive.Integer);
        var outputs = Flyteidl2.Task.Outputs.Parser.ParseFrom(File.ReadAllBytes(trace.Outputs.OutputUri));
        Assert.Equal(30, Assert.Single(outputs.Literals).Value.Scalar.Primitive.Integer);
    }

    [Fact]
    public async Task A_trace_in_a_group_carries_it_in_its_name_and_action()
    {
        await using var plane = await ControlPlaneAsync(new FakeActionsService((action, _) => _bed.EndWithOutputAsync(action, ActionPhase.Succeeded, 0)));
        var service = plane.Service;
        await using var controller = _bed.Controller(plane.Connection);

        using (FlyteGroup.Begin("fits"))
        {
            await WithinBoundAsync(FetchAsync(controller, 4), "the trace call");
        }

        var action = Assert.Single(service.Enqueued).Action;
        Assert.Equal(ExpectedName(4, group: "fits"), action.ActionId.Name);
        Assert.Equal("fits", action.Group);
    }

    [Fact]
    public async Task A_retried_attempt_takes_the_recorded_outputs_from_the_watch_replay_without_running_the_trace()
    {
        await using var plane = await ControlPlaneAsync(new FakeActionsService((action, _) => _bed.EndWithOutputAsync(action, ActionPhase.Succeeded, 0)));
        var service = plane.Service;
        await using (var first = _bed.Controller(plane.Connection))
        {
            Assert.Equal(50, await WithinBoundAsync(FetchAsync(first, 5), "the first attempt's trace"));
        }

        await using var retried = _bed.Controller(plane.Connection);
        Assert.Equal(50, await WithinBoundAsync(FetchAsync(retried, 5, _ => Task.FromResult(-1L)), "the retried attempt's trace"));

        Assert.Equal(1, _runs);
        Assert.Single(service.Enqueued);
    }

    [Fact]
    public async Task A_failed_trace_is_recorded_failed_with_its_error_and_the_callers_exception_is_thrown()
    {
        await using var plane = await ControlPlaneAsync(new FakeActionsService((action, _) => _bed.EndWithOutputAsync(action, ActionPhase.Succeeded, 0)));
        var service = plane.Service;
        await using var controller = _bed.Controller(plane.Connection);

        var error = await FailureOfAsync<InvalidOperationException>(
            FetchAsync(controller, 6, _ => throw new InvalidOperationException("no data for 6")), "the failing trace");

        Assert.Equal("no data for 6", error.Message);
        var action = Assert.Single(service.Enqueued).Action;
        Assert.Equal(ActionPhase.Failed, action.Trace.Phase);
        Assert.Equal("", action.Trace.Outputs.OutputUri);
        var document = ErrorDocument.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(RunBase, action.ActionId.Name, "error.pb")));
        Assert.Equal("InvalidOperationException", document.Error.Code);
        Assert.Equal(ContainerError.Types.Kind.NonRecoverable, document.Error.Kind);
        Assert.Contains("no data for 6", document.Error.Message);
    }

    [Fact]
    public async Task On_the_open_source_backend_a_failed_trace_reads_as_succeeded_without_outputs_and_a_retry_runs_it_again()
    {
        await using var plane = await ControlPlaneAsync(new FakeActionsService((action, _) => _bed.EndWithOutputAsync(action, ActionPhase.Succeeded, 0)));
        var service = plane.Service;
        await using (var first = _bed.Controller(plane.Connection))
        {
            await FailureOfAsync<InvalidOperationException>(FetchAsync(first, 7, _ => throw new InvalidOperationException("down")), "the first attempt's trace");
        }

        await using var retried = _bed.Controller(plane.Connection);
        Assert.Equal(70, await WithinBoundAsync(FetchAsync(retried, 7), "the retried attempt's trace"));

        Assert.Equal(2, _runs);
    }

    [Theory]
    [InlineData(ContainerError.Types.Kind.NonRecoverable, 1)]
    [InlineData(ContainerError.Types.Kind.Recoverable, 2)]
    public async Task A_failure_the_control_plane_keeps_is_thrown_again_unless_it_was_recoverable(ContainerError.Types.Kind kind, int expectedRuns)
    {
        // As the devbox records a trace: FAILED with the error of its error.pb (docs/traces.md).
        var service = new FakeActionsService((action, _) => _bed.EndWithOutputAsync(action, ActionPhase.Succeeded, 0))
        {
            RecordTrace = action => action.Trace.Phase == ActionPhase.Failed
                ? new ActionUpdate
                {
                    ActionId = action.ActionId,
                    Phase = ActionPhase.Failed,
                    Error = new ExecutionError { Code = "InvalidOperationException", Message = "down", Kind = ExecutionError.Types.ErrorKind.User, Recoverability = kind },
                }
                : new ActionUpdate { ActionId = action.ActionId, Phase = ActionPhase.Succeeded, OutputUri = action.Trace.Outputs.OutputUri },
        };
        await using var plane = await ControlPlaneAsync(service);
        await using (var first = _bed.Controller(plane.Connection))
        {
            await FailureOfAsync<InvalidOperationException>(FetchAsync(first, 8, _ => throw new InvalidOperationException("down")), "the first attempt's trace");
        }

        await using var retried = _bed.Controller(plane.Connection);
        var again = FetchAsync(retried, 8);
        if (kind == ContainerError.Types.Kind.NonRecoverable)
        {
            var replayed = await FailureOfAsync<TaskFailedException>(again, "the retried attempt's trace");
            Assert.Equal($"trace Fetch (action {ExpectedName(8)}) failed: InvalidOperationException: down", replayed.Message);
        }
        else
        {
            Assert.Equal(80, await WithinBoundAsync(again, "the retried attempt's trace"));
        }
        Assert.Equal(expectedRuns, _runs);
    }

    [Fact]
    public async Task A_task_called_inside_a_trace_is_a_child_of_the_task_named_under_the_trace()
    {
        await using var plane = await ControlPlaneAsync(new FakeActionsService((action, _) => _bed.EndWithOutputAsync(action, ActionPhase.Succeeded, 9)));
        var service = plane.Service;
        await using var controller = _bed.Controller(plane.Connection);

        long result = await WithinBoundAsync(FetchAsync(controller, 3, async _ =>
            await TaskCalls.RunAsync(FlyteContext.Current!, Square, SquareInputs(3), outputs => outputs.Literals["o0"].Scalar.Primitive.Integer)), "the trace call");

        Assert.Equal(9, result);
        var actions = service.Enqueued.Select(r => r.Action).ToList();
        Assert.Equal(2, actions.Count);
        var square = actions.Single(a => a.SpecCase == Flyteidl2.Actions.Action.SpecOneofCase.Task);
        Assert.Equal("a0", square.ParentActionName);
        Assert.Equal(new ChildCalls(ExpectedName(3)).Next(Square, SquareInputs(3)).ActionName, square.ActionId.Name);
        Assert.Equal("a0", actions.Single(a => a.SpecCase == Flyteidl2.Actions.Action.SpecOneofCase.Trace).ParentActionName);
    }
}
