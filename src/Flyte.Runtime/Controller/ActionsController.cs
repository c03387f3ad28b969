using Flyte.Generation;
using Flyte.Hashing;
using Flyte.Local;
using Flyte.Remote;
using Flyte.Runtime.Execution;
using Flyte.Storage;
using Flyte.Tasks;
using Flyteidl2.Actions;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Workflow;
using Grpc.Core;
using ActionPhase = Flyteidl2.Common.ActionPhase;

namespace Flyte.Runtime.Controller;

/// <summary>
/// The Flyte context of an action running under a0: every task it calls becomes a child action on the control plane.
/// Inputs are uploaded to the child's prefix under the run base, the child is enqueued (<see cref="IChildActionsApi"/>)
/// under its deterministic name, and its outputs are read back once <see cref="ChildWatch"/> reports it finished. A
/// child that failed is raised in the parent as a <see cref="TaskFailedException"/>. A retried parent computes the same
/// names; a child the watch's replay already reported is followed, not enqueued again, and an Enqueue refused because
/// the child exists is reuse too: its result is taken, it is not run again (docs/children.md).
/// </summary>
internal sealed class ActionsController : ITaskRunner, ITraceRunner, IRemoteTaskRunner, IChildActions, IAsyncDisposable
{
    private readonly ControlPlaneConnection _connection;
    private readonly ActionIdentifier _parent;
    private readonly string _runBase;
    private readonly TaskTemplateSettings _childSettings;
    private readonly IReadOnlyDictionary<string, string> _imageCache;
    private readonly TextWriter _log;
    private readonly ChildCalls _calls;
    private readonly TimeSpan _patience;
    private ChildWatch? _watch;

    /// <param name="parent">The running action: its run and name.</param>
    /// <param name="runBase">The run's base prefix; each child's files go under <c>runBase/childName/</c>.</param>
    /// <param name="childSettings">How children's task specs are written: the parent's project, domain, org, version, code bundle and image cache.</param>
    /// <param name="imageCache">Environment name → image, from <c>--image-cache</c>, for the children's images.</param>
    /// <param name="patience">How long an enqueue or the watch of children keeps retrying a control plane that does not
    /// answer (a restart, a rolling update) before the child call fails; by default <see cref="WatchReconnects.DefaultPatience"/>.</param>
    public ActionsController(ControlPlaneConnection connection, ActionIdentifier parent, string runBase,
        TaskTemplateSettings childSettings, IReadOnlyDictionary<string, string> imageCache, TextWriter log, TimeSpan? patience = null)
    {
        _patience = patience ?? WatchReconnects.DefaultPatience;
        _connection = connection;
        _parent = parent;
        _runBase = runBase;
        _childSettings = childSettings;
        _imageCache = imageCache;
        _log = log;
        _calls = new ChildCalls(parent.Name);
        _deployed = new DeployedTasks(connection, parent.Run);
    }

    private readonly DeployedTasks _deployed;

    private IChildActionsApi? _api;

    private IChildActionsApi Api
    {
        get
        {
            lock (_calls)
            {
                return _api ??= _connection.ChildActionsOf(_parent);
            }
        }
    }

    public Task<LiteralMap> RunChildAsync(TaskDefinition task, LiteralMap inputs, CancellationToken cancellationToken) =>
        RunChildAsync(task, inputs, _calls, cancellationToken);

    public Task<TraceCall> BeginTraceAsync(TraceDefinition trace, LiteralMap inputs, CancellationToken cancellationToken) =>
        BeginTraceAsync(trace, inputs, _calls, cancellationToken);

    public async Task<LiteralMap> RunChildAsync(TaskDefinition task, LiteralMap inputs, ChildCalls naming, CancellationToken cancellationToken)
    {
        ChildWatch watch = await StartWatchAsync(task.Name, cancellationToken).ConfigureAwait(false);
        ChildCall call = naming.Next(task, inputs, FlyteContext.Group);
        bool hasOutputs = task.Interface.Outputs is { Variables.Count: > 0 };
        return await RunChildActionAsync(watch, call, task.Name, hasOutputs, inputs,
            (childId, inputUri) => ChildAction(task, call, childId, inputUri), cancellationToken).ConfigureAwait(false);
    }

    public Task<LiteralMap> RunRemoteAsync(RemoteTaskDefinition task, LiteralMap inputs, CancellationToken cancellationToken) =>
        RunRemoteAsync(task, inputs, _calls, cancellationToken);

    /// <summary>
    /// Calls a deployed task: its spec is fetched (once per process) and checked against the declaration, the inputs
    /// are completed with its defaults, and the spec is enqueued unchanged as the child's, named from its own template
    /// (flyte-sdk's <c>_submit_task_ref</c>; docs/remote-tasks.md).
    /// </summary>
    public async Task<LiteralMap> RunRemoteAsync(RemoteTaskDefinition task, LiteralMap inputs, ChildCalls naming, CancellationToken cancellationToken)
    {
        ChildWatch watch = await StartWatchAsync(task.Name, cancellationToken).ConfigureAwait(false);
        var deployed = await _deployed.ResolveAsync(task, cancellationToken).ConfigureAwait(false);
        var complete = RemoteTaskResolution.CompleteInputs(deployed.Spec, inputs);
        ChildCall call = naming.NextDeployed(deployed.Spec.TaskTemplate, complete, FlyteContext.Group);
        bool hasOutputs = deployed.Spec.TaskTemplate.Interface?.Outputs is { Variables.Count: > 0 };
        return await RunChildActionAsync(watch, call, task.Name, hasOutputs, complete,
            (childId, inputUri) => DeployedChildAction(deployed, call, childId, inputUri), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Uploads a child's inputs, enqueues it (unless an earlier attempt did) and waits for its outputs or failure.</summary>
    private async Task<LiteralMap> RunChildActionAsync(ChildWatch watch, ChildCall call, string taskName, bool hasOutputs, LiteralMap inputs,
        Func<ActionIdentifier, string, Flyteidl2.Actions.Action> createAction, CancellationToken cancellationToken)
    {
        var childId = new ActionIdentifier { Run = _parent.Run, Name = call.ActionName };
        bool known = watch.Knows(call.ActionName);
        string inputUri = InputUriOf(call.ActionName);
        if (known)
        {
            _log.WriteLine($"a0: action {call.ActionName} ({taskName}) exists from an earlier attempt; following it");
        }
        else
        {
            try
            {
                await ProtoObjects.WriteAsync(inputUri, RunLayout.ToInputs(inputs), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new SystemFailureException("InputsUploadFailed", $"could not write the inputs of {taskName} to {inputUri}: {e.Message}", e);
            }
        }

        ActionUpdate finished;
        try
        {
            if (!known)
            {
                await EnqueueAsync(createAction(childId, inputUri), cancellationToken).ConfigureAwait(false);
            }
            finished = await watch.WhenFinishedAsync(call.ActionName, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await AbortQuietlyAsync(childId).ConfigureAwait(false);
            throw;
        }

        // RECOVERED is a success: the child's outputs were taken over from an earlier run and are read the same way.
        if (!PhaseNames.IsSuccess(finished.Phase))
        {
            throw await FailureOfAsync(taskName, finished, cancellationToken).ConfigureAwait(false);
        }
        return await ReadOutputsAsync(taskName, hasOutputs, finished, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Names the trace call and looks for an earlier attempt's record of it in the watch's replay (flyte-sdk's
    /// <c>get_action_outputs</c>): a success with an output file is replayed, a NON_RECOVERABLE failure is thrown again,
    /// anything else runs the trace again. The inputs go to <c>runBase/name/inputs.pb</c> before it runs (docs/traces.md).
    /// </summary>
    public async Task<TraceCall> BeginTraceAsync(TraceDefinition trace, LiteralMap inputs, ChildCalls naming, CancellationToken cancellationToken)
    {
        ChildWatch watch = await StartWatchAsync(trace.Name, cancellationToken).ConfigureAwait(false);
        ChildCall call = naming.NextTrace(trace, inputs, FlyteContext.Group);
        var scope = new TraceScope(this, call.ActionName);
        if (watch.Latest(call.ActionName) is { } earlier && await ReplayOfAsync(trace, earlier, cancellationToken).ConfigureAwait(false) is { } replay)
        {
            _log.WriteLine($"a0: trace {trace.Name} (action {call.ActionName}) was recorded by an earlier attempt; replaying it");
            return new TraceCall(trace, call.ActionName, call.Group, inputs, scope, replay);
        }
        string inputUri = InputUriOf(call.ActionName);
        try
        {
            await ProtoObjects.WriteAsync(inputUri, RunLayout.ToInputs(inputs), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new SystemFailureException("InputsUploadFailed", $"could not write the inputs of trace {trace.Name} to {inputUri}: {e.Message}", e);
        }
        return new TraceCall(trace, call.ActionName, call.Group, inputs, scope, null);
    }

    /// <summary>
    /// Writes the trace's outputs.pb (also for a method without a result, so a replay can tell its success from a
    /// failure) or error.pb beside its inputs, enqueues the finished trace action under the running task, and waits
    /// until the control plane reports it, as flyte-sdk's <c>record_trace</c> does.
    /// </summary>
    public async Task RecordTraceAsync(TraceCall call, TraceOutcome outcome, CancellationToken cancellationToken)
    {
        string prefix = ProtoObjects.Join(_runBase, call.ActionName);
        string outputUri = "";
        try
        {
            if (outcome.Outputs is { } outputs)
            {
                outputUri = ProtoObjects.Join(prefix, "outputs.pb");
                await ProtoObjects.WriteAsync(outputUri, RunLayout.ToOutputs(outputs), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await ProtoObjects.WriteAsync(ProtoObjects.Join(prefix, "error.pb"), new ErrorDocument { Error = outcome.Error }, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new SystemFailureException("OutputsUploadFailed", $"could not record trace {call.Trace.Name} under {prefix}: {e.Message}", e);
        }
        var action = TraceActions.Create(_parent, call, outcome, InputUriOf(call.ActionName), outputUri, _runBase);
        await EnqueueAsync(action, cancellationToken).ConfigureAwait(false);
        await Watch().WhenFinishedAsync(call.ActionName, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Where a child's inputs go, task or trace: <c>runBase/name/inputs.pb</c>.</summary>
    private string InputUriOf(string actionName) => ProtoObjects.Join(ProtoObjects.Join(_runBase, actionName), "inputs.pb");

    private static async Task<TraceReplay?> ReplayOfAsync(TraceDefinition trace, ActionUpdate earlier, CancellationToken cancellationToken)
    {
        if (earlier.Phase == ActionPhase.Failed)
        {
            // flyte-sdk's _trace_error_is_recoverable: no error, or a RECOVERABLE one, runs the trace again.
            return earlier.Error is { } error && error.Recoverability != ContainerError.Types.Kind.Recoverable
                ? new TraceReplay(null, TaskFailedException.ReplayedTrace(trace.Name, earlier.ActionId.Name, error.Code, error.Message))
                : null;
        }
        if (!PhaseNames.IsSuccess(earlier.Phase) || earlier.OutputUri is not { Length: > 0 } outputUri)
        {
            return null;
        }
        try
        {
            var outputs = await ProtoObjects.ReadAsync(outputUri, Flyteidl2.Task.Outputs.Parser, cancellationToken).ConfigureAwait(false);
            return new TraceReplay(RunLayout.ToLiteralMap(outputs.Literals), null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new SystemFailureException("OutputsUnreadable", $"could not read the recorded outputs of trace {trace.Name} (action {earlier.ActionId.Name}) from {outputUri}: {e.Message}", e);
        }
    }

    private async Task<ChildWatch> StartWatchAsync(string calledName, CancellationToken cancellationToken)
    {
        ChildWatch watch = Watch();
        if (_runBase.Length == 0)
        {
            throw new SystemFailureException("NoRunBase",
                $"the task called {calledName}, but a0 was given no run base for the child's files: the executor passes --run-base-dir or sets _U_RUN_BASE");
        }
        await watch.StartAsync(cancellationToken).ConfigureAwait(false);
        return watch;
    }

    /// <summary>A child that runs one of this assembly's tasks: its spec as a deploy writes it, at the parent's version.</summary>
    private Flyteidl2.Actions.Action ChildAction(TaskDefinition task, ChildCall call, ActionIdentifier childId, string inputUri)
    {
        var settings = _childSettings with { DefaultImage = _imageCache.GetValueOrDefault(task.Declaration.EnvironmentName, _childSettings.DefaultImage) };
        var id = new Flyteidl2.Task.TaskIdentifier { Org = settings.Org, Project = settings.Project, Domain = settings.Domain, Name = task.Name, Version = settings.Version };
        return TaskChild(childId, inputUri, call, id, TaskTemplates.CreateSpec(task, settings), ChildCalls.CacheKeyOf(task, call.InputsHash));
    }

    /// <summary>A child that runs a deployed task: its fetched spec as it is, under the id its template states.</summary>
    private Flyteidl2.Actions.Action DeployedChildAction(Flyteidl2.Task.TaskDetails deployed, ChildCall call, ActionIdentifier childId, string inputUri) =>
        TaskChild(childId, inputUri, call, RemoteTaskResolution.IdOf(deployed), deployed.Spec, ChildCalls.CacheKeyOf(deployed.Spec.TaskTemplate, call.InputsHash));

    private Flyteidl2.Actions.Action TaskChild(ActionIdentifier childId, string inputUri, ChildCall call, Flyteidl2.Task.TaskIdentifier id,
        Flyteidl2.Task.TaskSpec spec, string? cacheKey)
    {
        var action = new Flyteidl2.Actions.Action
        {
            ActionId = childId,
            ParentActionName = _parent.Name,
            InputUri = inputUri,
            RunOutputBase = _runBase,
            Group = call.Group ?? "",
            Task = new TaskAction { Id = id, Spec = spec },
        };
        if (cacheKey is not null)
        {
            action.Task.CacheKey = cacheKey;
        }
        return action;
    }

    private async Task EnqueueAsync(Flyteidl2.Actions.Action action, CancellationToken cancellationToken)
    {
        var retries = new WatchReconnects($"enqueueing child action {action.ActionId.Name} ({TraceActions.Describe(action)})", _connection.Endpoint, _patience);
        while (true)
        {
            try
            {
                await Api.EnqueueAsync(action, cancellationToken).ConfigureAwait(false);
                _log.WriteLine($"a0: enqueued {TraceActions.Describe(action)} as action {action.ActionId.Name} ({Api.Name})");
                return;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
            {
                // Cancelled mid-call: the control plane may have taken the child already, so the caller aborts it.
                throw new OperationCanceledException("the parent action was cancelled", e, cancellationToken);
            }
            catch (RpcException e) when (ExistingAction.Refused(e))
            {
                // Enqueued already (a lost reply, or an attempt the replay did not show): finished or not, its result is reused.
                _log.WriteLine($"a0: action {action.ActionId.Name} ({TraceActions.Describe(action)}) already exists; reusing it");
                return;
            }
            catch (RpcException e) when (WatchReconnects.IsDropped(e, cancellationToken))
            {
                // A lost reply may still have enqueued it: the next try is then refused as existing, which is reuse.
                retries.Dropped(e);
            }
            catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new SystemFailureException("EnqueueFailed",
                    $"the control plane at {_connection.Endpoint} did not take child action {action.ActionId.Name} ({TraceActions.Describe(action)}) through {Api.Name}: {e.StatusCode}: {e.Status.Detail}", e);
            }
            try
            {
                await retries.WaitToReconnectAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (WatchLostException e)
            {
                throw new SystemFailureException("EnqueueFailed", e.Message, e);
            }
        }
    }

    private async Task AbortQuietlyAsync(ActionIdentifier childId)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await Api.AbortAsync(childId, "the parent action was cancelled", timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RpcException or OperationCanceledException)
        {
            _log.WriteLine($"a0: could not abort child action {childId.Name}: {e.Message}");
        }
    }

    private static async Task<LiteralMap> ReadOutputsAsync(string taskName, bool hasOutputs, ActionUpdate finished, CancellationToken cancellationToken)
    {
        if (!hasOutputs)
        {
            return new LiteralMap();
        }
        if (finished.OutputUri is not { Length: > 0 } outputPrefix)
        {
            throw new SystemFailureException("NoOutputs", $"child action {finished.ActionId.Name} ({taskName}) succeeded without an output location, but {taskName} has outputs");
        }
        string uri = ProtoObjects.Join(outputPrefix, "outputs.pb");
        try
        {
            var outputs = await ProtoObjects.ReadAsync(uri, Flyteidl2.Task.Outputs.Parser, cancellationToken).ConfigureAwait(false);
            return RunLayout.ToLiteralMap(outputs.Literals);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new SystemFailureException("OutputsUnreadable", $"could not read the outputs of child action {finished.ActionId.Name} ({taskName}) from {uri}: {e.Message}", e);
        }
    }

    /// <summary>The child's error as the control plane reported it, else from its error.pb, else just its phase.</summary>
    private static async Task<Exception> FailureOfAsync(string taskName, ActionUpdate finished, CancellationToken cancellationToken)
    {
        var phase = (Local.ActionPhase)(int)finished.Phase;
        string name = finished.ActionId.Name;
        if (finished.Error is { } error)
        {
            return new TaskFailedException(taskName, name, phase, error.Code, error.Message);
        }
        if (finished.OutputUri is { Length: > 0 } outputPrefix)
        {
            try
            {
                var document = await ProtoObjects.ReadAsync(ProtoObjects.Join(outputPrefix, "error.pb"), ErrorDocument.Parser, cancellationToken).ConfigureAwait(false);
                return new TaskFailedException(taskName, name, phase, document.Error.Code, document.Error.Message);
            }
            catch (Exception e) when (e is IOException or ObjectNotFoundException or Google.Protobuf.InvalidProtocolBufferException)
            {
                // Fall through: the phase is all there is to say.
            }
        }
        return new TaskFailedException(taskName, name, phase, finished.Phase.ToString(), "the control plane gave no error details");
    }

    private ChildWatch Watch()
    {
        lock (_calls)
        {
            return _watch ??= new ChildWatch(Api, _parent, _connection.Endpoint, _log, _patience);
        }
    }

    public ValueTask DisposeAsync() => _watch?.DisposeAsync() ?? ValueTask.CompletedTask;
}
