using Flyte.Remote;
using Flyte.Runtime.Execution;
using Flyteidl2.Actions;
using Flyteidl2.Common;
using Flyteidl2.Workflow;
using Grpc.Core;

namespace Flyte.Runtime.Controller;

/// <summary>
/// One watch (<c>WatchForUpdates</c>, or StateService's <c>Watch</c>) for all children of the running action (flyte-sdk's informer): it keeps the
/// latest update of every child and completes a waiter when its child reaches a terminal phase. The server first
/// replays the state of existing children, then a sentinel, then live updates; a dropped stream is reopened, with
/// <see cref="WatchReconnects"/>' back-off and time bound, and the replay fills in whatever was missed
/// (docs/watches.md).
/// </summary>
internal sealed class ChildWatch(IChildActionsApi api, ActionIdentifier parent, string endpoint, TextWriter log, TimeSpan patience)
    : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<string, ActionUpdate> _latest = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TaskCompletionSource<ActionUpdate>> _waiters = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private Exception? _broken;

    /// <summary>Opens the stream (once) and waits until the server has replayed the existing children.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _loop ??= Task.Run(RunAsync);
        }
        return _synced.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Whether the control plane has reported <paramref name="actionName"/>: after <see cref="StartAsync"/>, every child
    /// an earlier attempt of the parent enqueued is known, from the replay.
    /// </summary>
    public bool Knows(string actionName)
    {
        lock (_gate)
        {
            return _latest.ContainsKey(actionName);
        }
    }

    /// <summary>The latest update of <paramref name="actionName"/>; null when the control plane has reported none.</summary>
    public ActionUpdate? Latest(string actionName)
    {
        lock (_gate)
        {
            return _latest.GetValueOrDefault(actionName);
        }
    }

    /// <summary>The child's terminal update (succeeded, recovered, failed, aborted or timed out), however early it arrived.</summary>
    public Task<ActionUpdate> WhenFinishedAsync(string actionName, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_broken is not null)
            {
                return Task.FromException<ActionUpdate>(_broken);
            }
            if (_latest.TryGetValue(actionName, out var update) && PhaseNames.IsTerminal(update.Phase))
            {
                return Task.FromResult(update);
            }
            if (!_waiters.TryGetValue(actionName, out var waiter))
            {
                waiter = new TaskCompletionSource<ActionUpdate>(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters[actionName] = waiter;
            }
            return waiter.Task.WaitAsync(cancellationToken);
        }
    }

    private async Task RunAsync()
    {
        var reconnects = new WatchReconnects($"the watch of the child actions of {parent.Name}", endpoint, patience);
        try
        {
            while (true)
            {
                using (var call = api.Watch(parent, _stop.Token))
                {
                    while (await reconnects.MoveNextAsync(call.Updates, _stop.Token).ConfigureAwait(false))
                    {
                        Apply(call.Updates.Current);
                    }
                }
                log.WriteLine($"a0: the watch of child actions stopped ({reconnects.LastError}); reopening it, try {reconnects.Failures}");
                await reconnects.WaitToReconnectAsync(_stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when ((e is OperationCanceledException or RpcException) && _stop.IsCancellationRequested)
        {
            // Disposed: the parent is done with its children.
        }
        catch (WatchLostException e)
        {
            Break(new SystemFailureException("WatchFailed", e.Message, e));
        }
        catch (RpcException e)
        {
            // Not a dropped stream but the control plane's answer (the parent is unknown, a0 may not watch it): no retry helps.
            Break(new SystemFailureException("WatchFailed",
                $"the control plane at {endpoint} refused the watch ({api.Name}) of the child actions of {parent.Name}: {e.StatusCode}: {e.Status.Detail}", e));
        }
    }

    private void Apply(WatchForUpdatesResponse response)
    {
        if (response.MessageCase == WatchForUpdatesResponse.MessageOneofCase.ControlMessage)
        {
            if (response.ControlMessage.Sentinel)
            {
                _synced.TrySetResult();
            }
            return;
        }
        if (response.ActionUpdate is not { ActionId.Name: { Length: > 0 } name } update)
        {
            return;
        }
        TaskCompletionSource<ActionUpdate>? done = null;
        lock (_gate)
        {
            _latest[name] = update;
            if (PhaseNames.IsTerminal(update.Phase) && _waiters.Remove(name, out var waiter))
            {
                done = waiter;
            }
        }
        done?.TrySetResult(update);
    }

    private void Break(Exception error)
    {
        List<TaskCompletionSource<ActionUpdate>> waiters;
        lock (_gate)
        {
            _broken = error;
            waiters = [.. _waiters.Values];
            _waiters.Clear();
        }
        _synced.TrySetException(error);
        foreach (var waiter in waiters)
        {
            waiter.TrySetException(error);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }
        _stop.Dispose();
    }
}
