using Flyte.Devbox.Execution;
using Flyte.Devbox.Runs;
using Flyte.Devbox.State;
using Flyte.Devbox.Storage;
using Flyte.Storage;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Workflow;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Flyte.Devbox.Services;

/// <summary>
/// What a running parent's controller asks of the devbox about its children, whichever API it speaks (ActionsService,
/// or QueueService and StateService): enqueue one, watch them all (replay, sentinel, then changes), abort one. A task
/// action the run already has is refused as Flyte's backend refuses it, INTERNAL with Kubernetes' "already exists" in
/// the message, not ALREADY_EXISTS, so a0 is tested against the answer a cluster gives (docs/children.md); one whose
/// image is still a placeholder is refused as at deploy (<see cref="ImageCheck"/>). A trace, which a running task
/// records after its traced function ended, is stored finished and never launched (docs/devbox-traces.md).
/// </summary>
public sealed class ChildActions(RunBook runs, ActionExecutor executor, ImageCheck images, DevboxStorage storage)
{
    /// <summary>The fields of a child action, as both Enqueue messages carry them: a task, or a trace.</summary>
    public sealed record Request(ActionIdentifier? ActionId, string? ParentActionName, string InputUri, string RunOutputBase, string Group, TaskAction? Task,
        TraceAction? Trace = null);

    public async Task EnqueueAsync(Request request, CancellationToken cancellationToken)
    {
        if (request.ActionId is null)
        {
            throw Invalid("action_id is required");
        }
        if (request.Trace is { } trace)
        {
            await RecordTraceAsync(request, trace, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (request.Task?.Spec?.TaskTemplate is not { } template)
        {
            throw Invalid("task or trace is required: a task action with a spec carrying a task_template, or a trace action; the devbox records no condition actions");
        }
        var key = Keys.Action(request.ActionId);
        if (runs.Database.GetAction(key) is not null)
        {
            throw Existing(key);
        }
        // A parent's controller writes its children's specs in the pod: an image it left unresolved would fail the
        // child's pod on a cluster, so it is refused here as at deploy.
        images.Require(request.Task.Spec, request.Task.Id?.Name ?? template.Id?.Name ?? key.Name, "task.spec");
        if (runs.Database.GetRun(key.Run) is null)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"run {key.Run.Name} does not exist"));
        }
        if (string.IsNullOrEmpty(request.InputUri) || string.IsNullOrEmpty(request.RunOutputBase))
        {
            throw Invalid("input_uri and run_output_base are required");
        }
        var record = new ActionRecord(
            Key: key,
            ParentName: request.ParentActionName,
            TaskName: request.Task.Id?.Name ?? template.Id?.Name ?? "",
            TaskVersion: request.Task.Id?.Version ?? "",
            Spec: request.Task.Spec.ToByteArray(),
            InputUri: request.InputUri,
            RunOutputBase: request.RunOutputBase,
            Group: string.IsNullOrEmpty(request.Group) ? null : request.Group,
            CacheKey: request.Task.CacheKey,
            Phase: (int)ActionPhase.Queued,
            Attempts: 0,
            OutputUri: null,
            Error: null,
            CacheHit: false,
            AbortRequested: false,
            CreatedAt: DateTimeOffset.UtcNow,
            StartedAt: null,
            EndedAt: null,
            Revision: 0);
        // Whether the run or the parent has ended is decided with the child's store, under the executor's gate.
        if (executor.TryEnqueueChild(record, out bool stored) is { } refusal)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, refusal));
        }
        // Not refused: the parent now waits on the child, new or already there, and gives back its slot meanwhile.
        if (record.ParentName is { } parent)
        {
            executor.ParentIsWaiting(key with { Name = parent });
        }
        if (!stored)
        {
            throw Existing(key);
        }
    }

    /// <summary>
    /// Records a trace as flyte-sdk sends it (<c>_internal/controllers/remote/_action.py</c>, <c>Action.from_trace</c>):
    /// checked field by field, then stored finished under its parent, its error read from the error.pb the SDK wrote
    /// when the traced function raised. Watchers of the parent hear of it as of any child.
    /// </summary>
    private async Task RecordTraceAsync(Request request, TraceAction trace, CancellationToken cancellationToken)
    {
        var key = Keys.Action(request.ActionId);
        if (string.IsNullOrEmpty(request.ParentActionName))
        {
            throw Invalid("parent_action_name is required for a trace: the name of the task action that ran the traced function");
        }
        if (string.IsNullOrEmpty(trace.Name))
        {
            throw Invalid("trace.name is required: the traced function's name");
        }
        if (trace.Name.Length > Identifiers.TaskNameLength)
        {
            throw Invalid($"trace.name {Shown.Value(trace.Name)} is longer than {Identifiers.TaskNameLength} characters");
        }
        if (string.IsNullOrEmpty(request.InputUri))
        {
            throw Invalid("input_uri is required for a trace: where the task wrote the traced function's inputs");
        }
        if (string.IsNullOrEmpty(request.RunOutputBase))
        {
            throw Invalid("run_output_base is required for a trace: the run's output base, under which the trace's files lie");
        }
        if (trace.Phase is not (ActionPhase.Succeeded or ActionPhase.Failed))
        {
            throw Invalid($"trace.phase must be ACTION_PHASE_SUCCEEDED or ACTION_PHASE_FAILED, not {trace.Phase}: a trace is recorded once its function has ended");
        }
        var started = TimeOf(trace.StartTime, "trace.start_time") ?? throw Invalid("trace.start_time is required: when the traced function started");
        var ended = TimeOf(trace.EndTime, "trace.end_time") ?? started;
        if (ended < started)
        {
            throw Invalid("trace.end_time is before trace.start_time");
        }
        if (runs.Database.GetRun(key.Run) is null)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"run {key.Run.Name} does not exist"));
        }
        string parentName = request.ParentActionName;
        var parent = runs.Database.GetAction(key with { Name = parentName })
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"parent_action_name {Shown.Value(parentName)} names no action of run {key.Run.Name}"));
        if (parent.Kind == ActionKind.Trace)
        {
            throw Invalid($"parent_action_name '{parentName}' is a trace: a trace is recorded under the task action that ran it, never under another trace");
        }

        bool failed = trace.Phase == ActionPhase.Failed;
        string outputUri = trace.Outputs?.OutputUri ?? "";
        var record = new ActionRecord(
            Key: key,
            ParentName: parentName,
            TaskName: trace.Name,
            TaskVersion: "",
            Spec: trace.ToByteArray(),
            InputUri: request.InputUri,
            RunOutputBase: request.RunOutputBase,
            Group: string.IsNullOrEmpty(request.Group) ? null : request.Group,
            CacheKey: null,
            Phase: (int)trace.Phase,
            Attempts: 1,
            OutputUri: outputUri.Length == 0 ? null : outputUri,
            Error: failed ? (await TraceErrorAsync(key, trace.Name, request.RunOutputBase, cancellationToken).ConfigureAwait(false)).ToByteArray() : null,
            CacheHit: false,
            AbortRequested: false,
            CreatedAt: started,
            StartedAt: started,
            EndedAt: ended,
            Revision: 0,
            Kind: ActionKind.Trace);
        // Decided under the executor's gate, with the same rules as a task child; the parent is not waiting on a trace
        // and keeps its slot.
        if (executor.TryRecordTrace(record, out var outcome) is { } refusal)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, refusal));
        }
        if (outcome == TraceRecording.NameIsTask)
        {
            throw Existing(key);
        }
    }

    /// <summary>
    /// The error of a failed trace: the ErrorDocument flyte-sdk wrote at <c>&lt;run_output_base&gt;/&lt;action&gt;/error.pb</c>
    /// (no attempt folder: <c>_controller.py</c>, <c>record_trace</c>), its kind kept as the error's recoverability so a
    /// retried parent replays or re-runs it. Without a readable error.pb the error says so and is RECOVERABLE: flyte-sdk
    /// re-runs a failed trace that has no error.
    /// </summary>
    private async Task<ExecutionError> TraceErrorAsync(ActionKey key, string traceName, string runOutputBase, CancellationToken cancellationToken)
    {
        string errorUri = ProtoObjects.Join(ProtoObjects.Join(runOutputBase, key.Name), "error.pb");
        string problem;
        try
        {
            if (await storage.ExistsAsync(errorUri, cancellationToken).ConfigureAwait(false))
            {
                var container = (await storage.ReadAsync(errorUri, ErrorDocument.Parser, cancellationToken).ConfigureAwait(false)).Error ?? new ContainerError();
                return new ExecutionError
                {
                    Code = container.Code,
                    Message = container.Message,
                    Kind = container.Origin == ExecutionError.Types.ErrorKind.User ? ExecutionError.Types.ErrorKind.User : ExecutionError.Types.ErrorKind.System,
                    ErrorUri = errorUri,
                    Recoverability = container.Kind,
                };
            }
            problem = "no error.pb was found";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A URL the devbox cannot read, or a file that is no ErrorDocument: the trace is still recorded as FAILED.
            problem = $"its error.pb could not be read ({e.GetType().Name}: {EchoedValue.Of(e.Message, Shown.MaximumLength)})";
        }
        return new ExecutionError
        {
            Code = "TraceFailed",
            Message = $"trace {traceName} failed, and {problem} at {errorUri}",
            Kind = ExecutionError.Types.ErrorKind.System,
            Recoverability = ContainerError.Types.Kind.Recoverable,
        };
    }

    /// <summary>A set timestamp as a time; null when unset.</summary>
    private static DateTimeOffset? TimeOf(Timestamp? timestamp, string field)
    {
        if (timestamp is null)
        {
            return null;
        }
        // Timestamp's range: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z.
        if (timestamp.Seconds is < -62_135_596_800L or > 253_402_300_799L || timestamp.Nanos is < 0 or > 999_999_999)
        {
            throw Invalid($"{field} is not a valid time: seconds {timestamp.Seconds}, nanos {timestamp.Nanos}");
        }
        return timestamp.ToDateTimeOffset();
    }

    /// <summary>Writes the parent's children as they are, then the sentinel, then every change until the caller leaves.</summary>
    public async Task WatchAsync(ActionIdentifier? parentId, Func<ActionUpdate, Task> writeUpdate, Func<Task> writeSentinel, CancellationToken cancellationToken)
    {
        if (parentId is null)
        {
            throw Invalid("parent_action_id is required");
        }
        var parent = Keys.Action(parentId);
        using var subscription = runs.Feed.Subscribe(parent.Run);
        foreach (var child in runs.Database.ListChildren(parent.Run, parent.Name))
        {
            await writeUpdate(RecordMessages.ToUpdate(child)).ConfigureAwait(false);
        }
        await writeSentinel().ConfigureAwait(false);
        try
        {
            await foreach (var change in subscription.Changes.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (change.ParentName == parent.Name)
                {
                    await writeUpdate(RecordMessages.ToUpdate(change)).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The parent closed its watch.
        }
    }

    public void Abort(ActionIdentifier? actionId)
    {
        if (actionId is null)
        {
            throw Invalid("action_id is required");
        }
        var key = Keys.Action(actionId);
        if (runs.Database.GetAction(key) is null)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"action {key.Name} of run {key.Run.Name} does not exist"));
        }
        executor.Abort(key);
    }

    /// <summary>Upstream names the TaskAction resource <c>run-action</c> and passes on the API server's refusal.</summary>
    private static RpcException Existing(ActionKey key)
    {
        string resource = $"{key.Run.Name}-{key.Name}";
        return new RpcException(new Status(StatusCode.Internal,
            $"failed to create TaskAction CR {resource}: taskactions.flyte.org \"{resource}\" already exists"));
    }

    private static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));
}
