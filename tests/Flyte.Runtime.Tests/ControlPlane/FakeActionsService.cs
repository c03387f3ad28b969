using System.Collections.Concurrent;
using System.Threading.Channels;
using Flyteidl2.Actions;
using Flyteidl2.Common;
using Flyteidl2.Workflow;
using Grpc.Core;
using Action = Flyteidl2.Actions.Action;

namespace Flyte.Runtime.Tests.ControlPlane;

/// <summary>
/// An in-process ActionsService for a0's controller: it keeps the actions enqueued, runs each new one with
/// <see cref="Execute"/>, and streams their phases to whoever watches their parent (replay, sentinel, live updates),
/// as Flyte's does. An action name it already has is refused with <see cref="ExistingStatus"/>. For the recovery tests
/// it can fail calls (<see cref="EnqueueFault"/>, <see cref="WatchFault"/>), hold an Enqueue until the server stops
/// (<see cref="HeldEnqueues"/>), cut the open watches (<see cref="DropWatches"/>) and keep new ones waiting before
/// their replay (<see cref="HoldWatches"/>).
/// </summary>
internal sealed class FakeActionsService(Func<Action, CancellationToken, Task<ActionUpdate>> execute) : ActionsService.ActionsServiceBase
{
    private readonly object _gate = new();
    private readonly Dictionary<string, (string Parent, ActionUpdate Latest)> _actions = new(StringComparer.Ordinal);
    private readonly List<(string Parent, Channel<WatchForUpdatesResponse> Channel)> _watchers = [];
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new(StringComparer.Ordinal);

    public Func<Action, CancellationToken, Task<ActionUpdate>> Execute { get; } = execute;

    public ConcurrentQueue<EnqueueRequest> Enqueued { get; } = new();

    public ConcurrentQueue<string> AlreadyExisting { get; } = new();

    public ConcurrentQueue<AbortRequest> Aborts { get; } = new();

    /// <summary>The request headers of every call, by method name (Enqueue, WatchForUpdates, Abort).</summary>
    public ConcurrentQueue<(string Method, Metadata Headers)> Calls { get; } = new();

    /// <summary>Every Enqueue call, taken or refused.</summary>
    public int EnqueueCalls => Volatile.Read(ref _enqueueCalls);

    /// <summary>The latest phase of an action, null until it is enqueued: what a watch opened now would replay.</summary>
    public ActionPhase? PhaseOf(string actionName)
    {
        lock (_gate)
        {
            return _actions.TryGetValue(actionName, out var action) ? action.Latest.Phase : null;
        }
    }

    /// <summary>The WatchForUpdates streams open now, each past its replay (so later updates reach it live).</summary>
    public int OpenWatches
    {
        get
        {
            lock (_gate)
            {
                return _watchers.Count;
            }
        }
    }

    /// <summary>
    /// The update a trace action is recorded with. By default the open-source backend's (flyte actions/k8s/client.go,
    /// the Action_Trace case): SUCCEEDED whatever the trace's phase, with the trace's output_uri. Never executed.
    /// </summary>
    public Func<Action, ActionUpdate> RecordTrace { get; init; } = action =>
        new ActionUpdate { ActionId = action.ActionId, Phase = ActionPhase.Succeeded, OutputUri = action.Trace.Outputs?.OutputUri ?? "" };

    /// <summary>The refusal of an action name already taken, given the name; ALREADY_EXISTS unless set.</summary>
    public Func<string, Status> ExistingStatus { get; init; } = name => new Status(StatusCode.AlreadyExists, $"action {name} already exists");

    /// <summary>How many of the first Enqueue calls take the action but answer UNAVAILABLE, as a reply lost on the way.</summary>
    public int LostReplies { get; init; }

    /// <summary>
    /// The failure the nth Enqueue call (from 1) answers without taking the action, as a proxy or a control plane
    /// shutting down would; null to serve it.
    /// </summary>
    public Func<int, Status?> EnqueueFault { get; init; } = _ => null;

    /// <summary>How many of the first Enqueue calls wait, without taking the action, until the server stops.</summary>
    public int HeldEnqueues { get; init; }

    /// <summary>The failure the nth WatchForUpdates call (from 1) answers before any message; null to serve it. Settable mid-test.</summary>
    public Func<int, Status?> WatchFault
    {
        get => Volatile.Read(ref _watchFault);
        set => Volatile.Write(ref _watchFault, value);
    }

    /// <summary>Every WatchForUpdates call, served or failed.</summary>
    public int WatchCalls => Volatile.Read(ref _watchCalls);

    private int _enqueueCalls;
    private int _watchCalls;
    private Func<int, Status?> _watchFault = _ => null;
    private TaskCompletionSource _watchesLetThrough = CompletedGate();

    /// <summary>The latest update of an action, or null when it was never enqueued.</summary>
    public ActionUpdate? LatestOf(string actionName)
    {
        lock (_gate)
        {
            return _actions.TryGetValue(actionName, out var entry) ? entry.Latest : null;
        }
    }

    /// <summary>
    /// Ends every open watch with <paramref name="status"/>, as a proxy or load balancer cutting streams does, or
    /// without an error when null, as a server closing streams before a restart does; the server stays up.
    /// </summary>
    public void DropWatches(Status? status)
    {
        lock (_gate)
        {
            foreach (var (_, channel) in _watchers)
            {
                channel.Writer.TryComplete(status is { } failure ? new RpcException(failure) : null);
            }
        }
    }

    /// <summary>New watches wait before their replay until <see cref="LetWatchesThrough"/>.</summary>
    public void HoldWatches()
    {
        lock (_gate)
        {
            _watchesLetThrough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public void LetWatchesThrough()
    {
        lock (_gate)
        {
            _watchesLetThrough.TrySetResult();
        }
    }

    private static TaskCompletionSource CompletedGate()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }

    public override async Task<EnqueueResponse> Enqueue(EnqueueRequest request, ServerCallContext context)
    {
        Calls.Enqueue((nameof(Enqueue), context.RequestHeaders));
        var action = request.Action;
        string name = action.ActionId.Name;
        int call = Interlocked.Increment(ref _enqueueCalls);
        if (call <= HeldEnqueues)
        {
            // Never answered: stopping the server cuts the call, and the action was not taken.
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }
        if (EnqueueFault(call) is { } fault)
        {
            throw new RpcException(fault);
        }
        lock (_gate)
        {
            if (_actions.ContainsKey(name))
            {
                AlreadyExisting.Enqueue(name);
                throw new RpcException(ExistingStatus(name));
            }
            Enqueued.Enqueue(request);
            if (action.SpecCase == Action.SpecOneofCase.Trace)
            {
                Publish(action.ParentActionName, RecordTrace(action));
                return new EnqueueResponse();
            }
            Publish(action.ParentActionName, new ActionUpdate { ActionId = action.ActionId, Phase = ActionPhase.Queued });
        }
        var cancellation = new CancellationTokenSource();
        _running[name] = cancellation;
        _ = Task.Run(async () =>
        {
            ActionUpdate result;
            try
            {
                result = await Execute(action, cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                result = new ActionUpdate { ActionId = action.ActionId, Phase = ActionPhase.Aborted };
            }
            catch (Exception e)
            {
                result = new ActionUpdate
                {
                    ActionId = action.ActionId,
                    Phase = ActionPhase.Failed,
                    Error = new Flyteidl2.Core.ExecutionError { Code = "ExecutorFailed", Message = e.ToString(), Kind = Flyteidl2.Core.ExecutionError.Types.ErrorKind.System },
                };
            }
            lock (_gate)
            {
                Publish(action.ParentActionName, result);
            }
        });
        if (call <= LostReplies)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "the reply was lost"));
        }
        return new EnqueueResponse();
    }

    public override async Task WatchForUpdates(WatchForUpdatesRequest request, IServerStreamWriter<WatchForUpdatesResponse> responseStream, ServerCallContext context)
    {
        Calls.Enqueue((nameof(WatchForUpdates), context.RequestHeaders));
        int call = Interlocked.Increment(ref _watchCalls);
        if (WatchFault(call) is { } fault)
        {
            throw new RpcException(fault);
        }
        Task letThrough;
        lock (_gate)
        {
            letThrough = _watchesLetThrough.Task;
        }
        await letThrough.WaitAsync(context.CancellationToken);
        string parent = request.ParentActionId.Name;
        var channel = Channel.CreateUnbounded<WatchForUpdatesResponse>();
        lock (_gate)
        {
            foreach (var (_, (actionParent, latest)) in _actions)
            {
                if (actionParent == parent)
                {
                    channel.Writer.TryWrite(new WatchForUpdatesResponse { ActionUpdate = latest });
                }
            }
            channel.Writer.TryWrite(new WatchForUpdatesResponse { ControlMessage = new ControlMessage { Sentinel = true } });
            _watchers.Add((parent, channel));
        }
        try
        {
            await foreach (var response in channel.Reader.ReadAllAsync(context.CancellationToken))
            {
                await responseStream.WriteAsync(response, context.CancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The parent closed its watch.
        }
        finally
        {
            lock (_gate)
            {
                _watchers.RemoveAll(w => w.Channel == channel);
            }
        }
    }

    public override Task<AbortResponse> Abort(AbortRequest request, ServerCallContext context)
    {
        Calls.Enqueue((nameof(Abort), context.RequestHeaders));
        Aborts.Enqueue(request);
        if (_running.TryGetValue(request.ActionId.Name, out var cancellation))
        {
            cancellation.Cancel();
        }
        return Task.FromResult(new AbortResponse());
    }

    /// <summary>Takes the latest state of an action; callers hold <see cref="_gate"/>.</summary>
    private void Publish(string parent, ActionUpdate update)
    {
        _actions[update.ActionId.Name] = (parent, update);
        foreach (var (watchedParent, channel) in _watchers)
        {
            if (watchedParent == parent)
            {
                channel.Writer.TryWrite(new WatchForUpdatesResponse { ActionUpdate = update });
            }
        }
    }
}
