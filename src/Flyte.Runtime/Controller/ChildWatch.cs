using Flyte.Remote;
using Flyte.Runtime.Execution;
using Flyteidl2.Actions;
using Flyteidl2.Common;
using Flyteidl2.Workflow;
using Grpc.Core;

namespace Flyte.Runtime.Controller;

/// <summary>
/// One <c>WatchForUpdates</c> stream for all children of the running action (flyte-sdk's informer): it keeps the
/// latest update of every child and completes a waiter when its child reaches a terminal phase. The server first
/// replays the state of existing children, then a sentinel, then live updates; a broken stream is reopened and the
/// replay fills in whatever was missed.
/// </summary>
internal sealed class ChildWatch(ActionsService.ActionsServiceClient client, ActionIdentifier parent, TextWriter log) : IAsyncDisposable
{
    private const int MaxConsecutiveFailures = 8;

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

    /// <summary>The child's terminal update (succeeded, failed, aborted or timed out), however early it arrived.</summary>
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
        int failures = 0;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var call = client.WatchForUpdates(new WatchForUpdatesRequest { ParentActionId = parent }, cancellationToken: _stop.Token);
                while (await call.ResponseStream.MoveNext(_stop.Token).ConfigureAwait(false))
                {
                    failures = 0;
                    Apply(call.ResponseStream.Current);
                }
                failures++;
                log.WriteLine("a0: the control plane closed the watch of child actions; reopening it");
            }
            catch (RpcException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (RpcException e)
            {
                failures++;
                log.WriteLine($"a0: watching child actions failed ({e.StatusCode}: {e.Status.Detail}); attempt {failures} of {MaxConsecutiveFailures}");
                if (failures >= MaxConsecutiveFailures)
                {
                    Break(new SystemFailureException("WatchFailed",
                        $"lost the control plane's stream of child action updates after {failures} tries: {e.StatusCode}: {e.Status.Detail}", e));
                    return;
                }
            }
            try
            {
                await Task.Delay(Backoff.Delay(failures), _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
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
