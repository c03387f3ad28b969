using Flyte.Devbox.Execution;
using Flyte.Devbox.Runs;
using Flyte.Devbox.State;
using Flyte.Generation;
using Flyteidl2.Actions;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Task;
using Flyteidl2.Workflow;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Task = System.Threading.Tasks.Task;

namespace Flyte.Devbox.Tests.EndToEnd;

/// <summary>
/// Trace actions as flyte-sdk records them (docs/devbox-traces.md): a running task writes the traced function's files,
/// then enqueues an action that has already ended, whose spec is a TraceAction. The devbox stores it finished under its
/// parent, launches nothing for it, and shows it to the parent's watch and to RunService. The parent here is a task whose
/// attempt the launcher holds (<see cref="ParkedLauncher"/>): it runs until the test lets it end.
/// </summary>
public sealed class TraceTests : IAsyncLifetime
{
    private const string Assembly = "Flyte.Devbox.Tests.Tasks";

    private readonly ParkedLauncher _launcher = new();
    private DevboxHarness _harness = null!;
    private GrpcChannel _channel = null!;
    private Flyteidl2.Task.TaskIdentifier _sleep = null!;

    public async Task InitializeAsync()
    {
        _harness = await DevboxHarness.StartAsync(configure: options => options with { Launcher = _launcher });
        _channel = GrpcChannel.ForAddress(_harness.Devbox.Endpoint);
        _sleep = (await _harness.DeployAsync(SampleOutputs.DevboxTestTasks, Assembly, "slow.Sleep"))["slow.Sleep"];
    }

    public async Task DisposeAsync()
    {
        _launcher.Release();
        _channel.Dispose();
        await _harness.DisposeAsync();
    }

    public static TheoryData<string> Apis => ChildEnqueues.Apis;

    [Theory]
    [MemberData(nameof(Apis))]
    public async Task A_succeeded_trace_is_stored_finished_under_its_running_parent_and_shown_with_its_full_output_uri(string api)
    {
        var run = await StartParentAsync();
        string runBase = RunBase(run);
        var inputs = new Inputs { Literals = { new NamedLiteral { Name = "url", Value = ScalarLiterals.FromString("https://example.invalid/data") } } };
        var outputs = new Outputs { Literals = { new NamedLiteral { Name = "o0", Value = ScalarLiterals.FromInt64(42) } } };
        // flyte-sdk _controller.py record_trace: the task uploads inputs.pb and outputs.pb under <run_output_base>/<trace
        // action>, with no attempt folder, before it enqueues the trace.
        await _harness.Devbox.Storage.WriteAsync($"{runBase}/t-fetch/inputs.pb", inputs, CancellationToken.None);
        await _harness.Devbox.Storage.WriteAsync($"{runBase}/t-fetch/outputs.pb", outputs, CancellationToken.None);
        var trace = Trace("fetch_data", ActionPhase.Succeeded, $"{runBase}/t-fetch/outputs.pb");

        await EnqueueTraceAsync(api, run, "t-fetch", trace, group: "loading");

        var update = Assert.Single(await ReplayAsync(api, run), u => u.ActionId.Name == "t-fetch");
        Assert.Equal(ActionPhase.Succeeded, update.Phase);
        Assert.Equal($"{runBase}/t-fetch/outputs.pb", update.OutputUri);
        Assert.Null(update.Error);

        var details = (await _harness.Runs.GetActionDetailsAsync(new GetActionDetailsRequest { ActionId = Id(run, "t-fetch") })).Details;
        Assert.Equal(ActionType.Trace, details.Metadata.ActionType);
        Assert.Equal("fetch_data", details.Metadata.Trace.Name);
        Assert.Equal("a0", details.Metadata.Parent);
        Assert.Equal("loading", details.Metadata.Group);
        Assert.Equal(ActionPhase.Succeeded, details.Status.Phase);
        Assert.Equal(1u, details.Status.Attempts);
        Assert.Equal(trace.StartTime, details.Status.StartTime);
        Assert.Equal(trace.EndTime, details.Status.EndTime);
        Assert.Equal(trace.Spec, details.Trace);
        var attempt = Assert.Single(details.Attempts);
        Assert.Equal($"{runBase}/t-fetch/outputs.pb", attempt.Outputs.OutputUri);
        Assert.False(attempt.LogsAvailable);

        var listed = Assert.Single((await _harness.Runs.ListActionsAsync(new ListActionsRequest { RunId = run })).Actions, a => a.Id.Name == "t-fetch");
        Assert.Equal(ActionType.Trace, listed.Metadata.ActionType);
        Assert.Equal("fetch_data", listed.Metadata.Trace.Name);

        using (var watching = new CancellationTokenSource(TimeSpan.FromMinutes(1)))
        using (var watch = _harness.Runs.WatchActions(new WatchActionsRequest { RunId = run }, cancellationToken: watching.Token))
        {
            Assert.True(await watch.ResponseStream.MoveNext(watching.Token));
            var watched = Assert.Single(watch.ResponseStream.Current.EnrichedActions, a => a.Action.Id.Name == "t-fetch").Action;
            Assert.Equal(ActionType.Trace, watched.Metadata.ActionType);
            Assert.Equal(ActionPhase.Succeeded, watched.Status.Phase);
        }
        using (var logs = _harness.DataProxy.TailLogs(new Flyteidl2.Dataproxy.TailLogsRequest { ActionId = Id(run, "t-fetch") }))
        {
            var noLog = await Assert.ThrowsAsync<RpcException>(() => logs.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal(StatusCode.NotFound, noLog.StatusCode);
            Assert.Equal($"action t-fetch of run {run.Name} is a trace of fetch_data: it ran inside its parent a0 and has no log of its own", noLog.Status.Detail);
        }

        var data = await _harness.DataProxy.GetActionDataAsync(new Flyteidl2.Dataproxy.GetActionDataRequest { ActionId = Id(run, "t-fetch") });
        Assert.Equal(inputs, data.Inputs);
        Assert.Equal(outputs, data.Outputs);
        var uris = await _harness.Runs.GetActionDataURIsAsync(new GetActionDataURIsRequest { ActionId = Id(run, "t-fetch") });
        Assert.Equal($"{runBase}/t-fetch/inputs.pb", uris.InputsUri);
        Assert.Equal($"{runBase}/t-fetch/outputs.pb", uris.OutputsUri);

        // Nothing was launched for it, and the parent, not waiting on it, still holds its slot and runs.
        Assert.Equal(1, _launcher.Launches);
        Assert.Equal(1, _harness.Devbox.Services.GetRequiredService<ResourcePool>().InUse);
        Assert.Equal(ActionPhase.Running, await PhaseAsync(run, "a0"));
        await AbortAsync(run);
    }

    [Theory]
    [MemberData(nameof(Apis))]
    public async Task A_failed_trace_carries_the_error_of_its_error_pb_with_its_recoverability(string api)
    {
        var run = await StartParentAsync();
        string runBase = RunBase(run);
        // flyte-sdk io.upload_error, called by record_trace when the traced function raised: an ErrorDocument at
        // <run_output_base>/<trace action>/error.pb, its kind NON_RECOVERABLE for a deterministic failure.
        await _harness.Devbox.Storage.WriteAsync($"{runBase}/t-parse/error.pb", new ErrorDocument
        {
            Error = new ContainerError
            {
                Code = "ValueError",
                Message = "no header row",
                Kind = ContainerError.Types.Kind.NonRecoverable,
                Origin = ExecutionError.Types.ErrorKind.User,
            },
        }, CancellationToken.None);

        // _action.py from_trace: a failed trace is FAILED with an empty output_uri.
        await EnqueueTraceAsync(api, run, "t-parse", Trace("parse_rows", ActionPhase.Failed, ""));

        var update = Assert.Single(await ReplayAsync(api, run), u => u.ActionId.Name == "t-parse");
        Assert.Equal(ActionPhase.Failed, update.Phase);
        Assert.Equal("", update.OutputUri);
        Assert.Equal("ValueError", update.Error.Code);
        Assert.Equal("no header row", update.Error.Message);
        Assert.Equal(ContainerError.Types.Kind.NonRecoverable, update.Error.Recoverability);
        Assert.Equal(ExecutionError.Types.ErrorKind.User, update.Error.Kind);
        Assert.Equal($"{runBase}/t-parse/error.pb", update.Error.ErrorUri);
        var details = (await _harness.Runs.GetActionDetailsAsync(new GetActionDetailsRequest { ActionId = Id(run, "t-parse") })).Details;
        Assert.Equal(ActionPhase.Failed, details.Status.Phase);
        Assert.Equal("ValueError: no header row", details.ErrorInfo.Message);
        Assert.Equal(ErrorInfo.Types.Kind.User, details.ErrorInfo.Kind);
        Assert.Equal(ActionPhase.Running, await PhaseAsync(run, "a0"));
        await AbortAsync(run);
    }

    [Fact]
    public async Task A_failed_trace_without_error_pb_is_a_recoverable_TraceFailed_and_does_not_fail_a_run_whose_parent_succeeds()
    {
        var run = await StartParentAsync();

        await EnqueueTraceAsync(ChildEnqueues.ActionsService, run, "t-flaky", Trace("call_api", ActionPhase.Failed, ""));
        var update = Assert.Single(await ReplayAsync(ChildEnqueues.ActionsService, run), u => u.ActionId.Name == "t-flaky");
        // The parent's attempt ends with outputs: a0 SUCCEEDED, whatever its children did.
        await _harness.Devbox.Storage.WriteAsync(AttemptLaunch.OutputPrefix(RunBase(run), "a0", 0) + "/outputs.pb", new Outputs(), CancellationToken.None);
        _launcher.Release();
        var finished = await _harness.WaitAsync(run);

        Assert.Equal(ActionPhase.Failed, update.Phase);
        Assert.Equal("TraceFailed", update.Error.Code);
        Assert.Equal($"trace call_api failed, and no error.pb was found at {RunBase(run)}/t-flaky/error.pb", update.Error.Message);
        Assert.Equal(ContainerError.Types.Kind.Recoverable, update.Error.Recoverability);
        Assert.Equal(ActionPhase.Succeeded, finished.Action.Status.Phase);
        Assert.Equal(ActionPhase.Failed, await PhaseAsync(run, "t-flaky"));
    }

    [Fact]
    public async Task Recording_a_trace_again_is_accepted_and_changes_nothing()
    {
        var run = await StartParentAsync();
        string outputs = $"{RunBase(run)}/t-once/outputs.pb";
        await EnqueueTraceAsync(ChildEnqueues.ActionsService, run, "t-once", Trace("once", ActionPhase.Succeeded, outputs));
        var before = (await _harness.Runs.GetActionDetailsAsync(new GetActionDetailsRequest { ActionId = Id(run, "t-once") })).Details;

        // As upstream, whose RecordAction inserts ON CONFLICT DO NOTHING: the same record, or even another one of a trace
        // that did not fail, is taken and leaves the stored trace as it was.
        await EnqueueTraceAsync(ChildEnqueues.ActionsService, run, "t-once", Trace("once", ActionPhase.Succeeded, outputs));
        await EnqueueTraceAsync(ChildEnqueues.QueueService, run, "t-once", Trace("once", ActionPhase.Failed, "", startSeconds: 1_800_000_000));

        Assert.Equal(before, (await _harness.Runs.GetActionDetailsAsync(new GetActionDetailsRequest { ActionId = Id(run, "t-once") })).Details);
        Assert.Single(Database.ListEvents(new ActionKey(Key(run), "t-once")));
        await AbortAsync(run);
    }

    [Fact]
    public async Task A_failed_trace_recorded_again_as_succeeded_replaces_it_and_watchers_hear_of_it()
    {
        var run = await StartParentAsync();
        string outputs = $"{RunBase(run)}/t-retry/outputs.pb";
        await EnqueueTraceAsync(ChildEnqueues.ActionsService, run, "t-retry", Trace("call_api", ActionPhase.Failed, ""));
        var actions = new ActionsService.ActionsServiceClient(_channel);
        using var watching = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        using var watch = actions.WatchForUpdates(new WatchForUpdatesRequest { ParentActionId = Id(run, "a0") }, cancellationToken: watching.Token);
        await ReadUntilSentinelAsync(watch.ResponseStream, watching.Token);

        // A retried parent re-ran the trace after a recoverable failure (_controller.py, _trace_error_is_recoverable) and
        // records the new result under the same name.
        await EnqueueTraceAsync(ChildEnqueues.QueueService, run, "t-retry", Trace("call_api", ActionPhase.Succeeded, outputs, startSeconds: 1_750_000_100));
        Assert.True(await watch.ResponseStream.MoveNext(watching.Token));
        var live = watch.ResponseStream.Current.ActionUpdate;

        Assert.Equal("t-retry", live.ActionId.Name);
        Assert.Equal(ActionPhase.Succeeded, live.Phase);
        Assert.Equal(outputs, live.OutputUri);
        Assert.Null(live.Error);
        var details = (await _harness.Runs.GetActionDetailsAsync(new GetActionDetailsRequest { ActionId = Id(run, "t-retry") })).Details;
        Assert.Equal(ActionPhase.Succeeded, details.Status.Phase);
        Assert.Null(details.ErrorInfo);
        Assert.Equal(1_750_000_100, details.Status.StartTime.Seconds);
        Assert.Equal(outputs, Assert.Single(details.Attempts).Outputs.OutputUri);
        Assert.Equal([(int)ActionPhase.Failed, (int)ActionPhase.Succeeded], Database.ListEvents(new ActionKey(Key(run), "t-retry")).Select(e => e.Phase));
        await AbortAsync(run);
    }

    [Theory]
    [MemberData(nameof(Apis))]
    public async Task A_trace_named_like_a_task_action_is_refused_as_a_second_task_enqueue_is(string api)
    {
        var run = await StartParentAsync();

        var refused = await Assert.ThrowsAsync<RpcException>(() => EnqueueTraceAsync(api, run, "a0", Trace("clash", ActionPhase.Succeeded, "")));

        Assert.Equal(StatusCode.Internal, refused.StatusCode);
        Assert.Equal($"failed to create TaskAction CR {run.Name}-a0: taskactions.flyte.org \"{run.Name}-a0\" already exists", refused.Status.Detail);
        var root = (await _harness.Runs.GetActionDetailsAsync(new GetActionDetailsRequest { ActionId = Id(run, "a0") })).Details;
        Assert.Equal(ActionType.Task, root.Metadata.ActionType);
        Assert.Equal(ActionPhase.Running, root.Status.Phase);
        await AbortAsync(run);
    }

    [Theory]
    [MemberData(nameof(Apis))]
    public async Task Each_malformed_trace_gets_a_one_line_answer_naming_its_field_and_stores_nothing(string api)
    {
        var run = await StartParentAsync();
        await EnqueueTraceAsync(api, run, "t-ok", Trace("ok", ActionPhase.Succeeded, ""));
        var before = (await _harness.Runs.ListActionsAsync(new ListActionsRequest { RunId = run })).Actions.ToList();
        var otherRun = new RunIdentifier { Project = run.Project, Domain = run.Domain, Name = "no-such-run" };
        var cases = new (string Name, Func<Task> Enqueue, StatusCode Code, string Detail)[]
        {
            ("no action_id", () => EnqueueTraceAsync(api, run, null, Trace("f", ActionPhase.Succeeded, "")), StatusCode.InvalidArgument,
                "action_id is required"),
            ("no parent", () => EnqueueTraceAsync(api, run, "t-bad", Trace("f", ActionPhase.Succeeded, ""), parent: ""), StatusCode.InvalidArgument,
                "parent_action_name is required for a trace: the name of the task action that ran the traced function"),
            ("no name", () => EnqueueTraceAsync(api, run, "t-bad", Trace("", ActionPhase.Succeeded, "")), StatusCode.InvalidArgument,
                "trace.name is required: the traced function's name"),
            ("no input_uri", () => EnqueueTraceAsync(api, run, "t-bad", Trace("f", ActionPhase.Succeeded, ""), inputUri: ""), StatusCode.InvalidArgument,
                "input_uri is required for a trace: where the task wrote the traced function's inputs"),
            ("no run_output_base", () => EnqueueTraceAsync(api, run, "t-bad", Trace("f", ActionPhase.Succeeded, ""), runOutputBase: ""), StatusCode.InvalidArgument,
                "run_output_base is required for a trace: the run's output base, under which the trace's files lie"),
            ("running", () => EnqueueTraceAsync(api, run, "t-bad", Trace("f", ActionPhase.Running, "")), StatusCode.InvalidArgument,
                "trace.phase must be ACTION_PHASE_SUCCEEDED or ACTION_PHASE_FAILED, not Running: a trace is recorded once its function has ended"),
            ("no start_time", () => EnqueueTraceAsync(api, run, "t-bad", Without(Trace("f", ActionPhase.Succeeded, ""), t => t.StartTime = null)), StatusCode.InvalidArgument,
                "trace.start_time is required: when the traced function started"),
            ("ends before it starts", () => EnqueueTraceAsync(api, run, "t-bad", Without(Trace("f", ActionPhase.Succeeded, ""), t => t.EndTime = new Timestamp { Seconds = 1 })),
                StatusCode.InvalidArgument, "trace.end_time is before trace.start_time"),
            ("no run", () => EnqueueTraceAsync(api, otherRun, "t-bad", Trace("f", ActionPhase.Succeeded, "")), StatusCode.NotFound,
                "run no-such-run does not exist"),
            ("no parent action", () => EnqueueTraceAsync(api, run, "t-bad", Trace("f", ActionPhase.Succeeded, ""), parent: "a9"), StatusCode.NotFound,
                $"parent_action_name 'a9' names no action of run {run.Name}"),
            ("parent is a trace", () => EnqueueTraceAsync(api, run, "t-bad", Trace("f", ActionPhase.Succeeded, ""), parent: "t-ok"), StatusCode.InvalidArgument,
                "parent_action_name 't-ok' is a trace: a trace is recorded under the task action that ran it, never under another trace"),
        };

        foreach (var (name, enqueue, code, detail) in cases)
        {
            var refused = await Assert.ThrowsAsync<RpcException>(enqueue);
            Assert.True(refused.StatusCode == code && refused.Status.Detail == detail, $"{name}: {refused.StatusCode} {refused.Status.Detail}");
            Assert.DoesNotContain('\n', refused.Status.Detail);
        }

        Assert.Equal(before, (await _harness.Runs.ListActionsAsync(new ListActionsRequest { RunId = run })).Actions.ToList());
        Assert.Null(Database.GetAction(new ActionKey(Key(run), "t-bad")));
        await AbortAsync(run);
    }

    [Theory]
    [MemberData(nameof(Apis))]
    public async Task A_trace_for_a_run_that_has_ended_is_refused_as_a_task_child_is(string api)
    {
        var run = await StartParentAsync();
        await AbortAsync(run);
        Assert.Equal(ActionPhase.Aborted, (await _harness.WaitAsync(run)).Action.Status.Phase);

        var refused = await Assert.ThrowsAsync<RpcException>(() => EnqueueTraceAsync(api, run, "t-late", Trace("late", ActionPhase.Succeeded, "")));

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Equal($"run {run.Name} has ended (Aborted); it takes no new actions", refused.Status.Detail);
        Assert.Null(Database.GetAction(new ActionKey(Key(run), "t-late")));
    }

    /// <summary>
    /// A TraceAction as flyte-sdk builds it (<c>_internal/controllers/remote/_action.py</c>, <c>Action.from_trace</c>):
    /// the function's name, SUCCEEDED or FAILED, its start and end, the full path of its outputs.pb (or "" when it has
    /// none or failed), and its interface as a TraceSpec.
    /// </summary>
    private static TraceAction Trace(string name, ActionPhase phase, string outputUri, long startSeconds = 1_750_000_000) => new()
    {
        Name = name,
        Phase = phase,
        StartTime = new Timestamp { Seconds = startSeconds, Nanos = 250_000_000 },
        EndTime = new Timestamp { Seconds = startSeconds + 2, Nanos = 500_000_000 },
        Outputs = new OutputReferences { OutputUri = outputUri },
        Spec = new TraceSpec
        {
            Interface = new TypedInterface
            {
                Inputs = new VariableMap { Variables = { new VariableEntry { Key = "url", Value = new Variable { Type = new LiteralType { Simple = SimpleType.String } } } } },
                Outputs = new VariableMap { Variables = { new VariableEntry { Key = "o0", Value = new Variable { Type = new LiteralType { Simple = SimpleType.Integer } } } } },
            },
        },
    };

    private static TraceAction Without(TraceAction trace, Action<TraceAction> change)
    {
        change(trace);
        return trace;
    }

    /// <summary>
    /// Enqueues a trace as flyte-sdk's controller does (<c>_core.py</c>, <c>_bg_launch</c>): the real task action as
    /// parent, inputs under <c>&lt;run_output_base&gt;/&lt;trace action&gt;</c>, through ActionsService.Enqueue or
    /// QueueService.EnqueueAction (whose trace is field 11).
    /// </summary>
    private Task EnqueueTraceAsync(string api, RunIdentifier run, string? name, TraceAction trace, string parent = "a0", string group = "",
        string? inputUri = null, string? runOutputBase = null)
    {
        var id = name is null ? null : Id(run, name);
        string runBase = runOutputBase ?? _harness.Devbox.Storage.RunBase(Key(run));
        string inputs = inputUri ?? $"{_harness.Devbox.Storage.RunBase(Key(run))}/{name}/inputs.pb";
        return api switch
        {
            ChildEnqueues.ActionsService => new ActionsService.ActionsServiceClient(_channel).EnqueueAsync(new EnqueueRequest
            {
                Action = new Flyteidl2.Actions.Action
                {
                    ActionId = id, ParentActionName = parent, InputUri = inputs, RunOutputBase = runBase, Group = group, Trace = trace,
                },
            }).ResponseAsync,
            ChildEnqueues.QueueService => new QueueService.QueueServiceClient(_channel).EnqueueActionAsync(new EnqueueActionRequest
            {
                ActionId = id, ParentActionName = parent, InputUri = inputs, RunOutputBase = runBase, Group = group, Trace = trace,
            }).ResponseAsync,
            _ => throw new ArgumentOutOfRangeException(nameof(api), api, null),
        };
    }

    /// <summary>What the parent's watch replays, through the watch that goes with <paramref name="api"/> (ActionsService or StateService).</summary>
    private async Task<List<ActionUpdate>> ReplayAsync(string api, RunIdentifier run)
    {
        using var watching = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        if (api == ChildEnqueues.ActionsService)
        {
            using var watch = new ActionsService.ActionsServiceClient(_channel).WatchForUpdates(new WatchForUpdatesRequest { ParentActionId = Id(run, "a0") }, cancellationToken: watching.Token);
            return await ReadUntilSentinelAsync(watch.ResponseStream, watching.Token);
        }
        using var state = new StateService.StateServiceClient(_channel).Watch(new WatchRequest { ParentActionId = Id(run, "a0") }, cancellationToken: watching.Token);
        var updates = new List<ActionUpdate>();
        while (await state.ResponseStream.MoveNext(watching.Token) && state.ResponseStream.Current.ControlMessage is not { Sentinel: true })
        {
            updates.Add(state.ResponseStream.Current.ActionUpdate);
        }
        return updates;
    }

    private static async Task<List<ActionUpdate>> ReadUntilSentinelAsync(IAsyncStreamReader<WatchForUpdatesResponse> stream, CancellationToken cancellationToken)
    {
        var updates = new List<ActionUpdate>();
        while (await stream.MoveNext(cancellationToken) && stream.Current.ControlMessage is not { Sentinel: true })
        {
            updates.Add(stream.Current.ActionUpdate);
        }
        return updates;
    }

    private async Task<RunIdentifier> StartParentAsync()
    {
        var run = await _harness.StartRunAsync(_sleep, new LiteralMap { Literals = { ["seconds"] = ScalarLiterals.FromInt64(600) } });
        await Until.TrueAsync(async () => await PhaseAsync(run, "a0") == ActionPhase.Running, "the parent to run");
        return run;
    }

    private Task AbortAsync(RunIdentifier run) => _harness.Runs.AbortRunAsync(new AbortRunRequest { RunId = run, Reason = "test" }).ResponseAsync;

    private async Task<ActionPhase> PhaseAsync(RunIdentifier run, string action) =>
        (await _harness.Runs.GetActionDetailsAsync(new GetActionDetailsRequest { ActionId = Id(run, action) })).Details.Status.Phase;

    private DevboxDatabase Database => _harness.Devbox.Services.GetRequiredService<RunBook>().Database;

    private string RunBase(RunIdentifier run) => _harness.Devbox.Storage.RunBase(Key(run));

    private static RunKey Key(RunIdentifier run) => new(run.Org, run.Project, run.Domain, run.Name);

    private static ActionIdentifier Id(RunIdentifier run, string name) => new() { Run = run, Name = name };

    /// <summary>
    /// Holds every attempt until <see cref="Release"/> (then it ends with exit code 0) or until it is cancelled, and
    /// counts the attempts it was given: the parent's is the only one a trace test expects.
    /// </summary>
    private sealed class ParkedLauncher : IActionLauncher
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _launches;

        public int Launches => Volatile.Read(ref _launches);

        public void Release() => _released.TrySetResult();

        public async Task<LaunchResult> RunAsync(LaunchRequest request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _launches);
            await _released.Task.WaitAsync(cancellationToken);
            return new LaunchResult(0);
        }

        public Task<int> StopOrphansAsync(string workRoot, CancellationToken cancellationToken) => Task.FromResult(0);
    }
}
