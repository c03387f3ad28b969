using System.Globalization;
using Flyte.Devbox.State;
using Microsoft.Extensions.Logging;

namespace Flyte.Devbox.Execution.Workers;

/// <summary>
/// The executor's worker pools, one per reusable environment and version within a project and domain
/// (docs/workers.md, The devbox's pools). An attempt of an actor task takes a place in its pool when it is taken for
/// launch (<see cref="TryReserve"/>), runs on one of its workers (<see cref="RunAsync"/>) and gives the place back at its
/// end (<see cref="Release"/>). Idle workers are stopped by a loop that looks four times a second.
/// </summary>
public sealed class WorkerPools : IAsyncDisposable
{
    private static readonly TimeSpan IdleCheck = TimeSpan.FromMilliseconds(250);

    private readonly IWorkerLauncher? _launcher;
    private readonly DevboxPaths _paths;
    private readonly ILogger<WorkerPools> _logger;
    private readonly object _gate = new();
    private readonly Dictionary<string, WorkerPool> _pools = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WorkerPool> _byHolder = new(StringComparer.Ordinal);
    private readonly List<Task> _stopping = [];
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Task _idleLoop;
    private long _attempts;
    private int _stopped;

    public WorkerPools(IActionLauncher launcher, DevboxPaths paths, ILogger<WorkerPools> logger)
    {
        // The image-build wrapper runs no workers: the launcher it wraps does.
        _launcher = (launcher is ImageBuilds.ImageBuildLauncher wrapper ? wrapper.Inner : launcher) as IWorkerLauncher;
        _paths = paths;
        _logger = logger;
        _idleLoop = _launcher is null ? Task.CompletedTask : StopIdleWorkersAsync(_lifetime.Token);
    }

    /// <summary>False when the launcher cannot start workers: then actor tasks run one process per attempt.</summary>
    public bool CanRunWorkers => _launcher is not null;

    /// <summary>Takes a place for <paramref name="holder"/> in the pool of <paramref name="actor"/>, if it has room.</summary>
    public bool TryReserve(string holder, RunKey run, ActorSpec actor)
    {
        if (_launcher is null)
        {
            return false;
        }
        string name = $"{run.Org}/{run.Project}/{run.Domain}/{actor.Name}@{actor.Version}";
        lock (_gate)
        {
            if (_byHolder.ContainsKey(holder))
            {
                return true;
            }
            if (!_pools.TryGetValue(name, out var pool))
            {
                pool = new WorkerPool(name, actor, _launcher, _paths, _logger, _lifetime.Token);
                _pools[name] = pool;
            }
            if (!pool.TryReserve())
            {
                return false;
            }
            _byHolder[holder] = pool;
            return true;
        }
    }

    /// <summary>Gives back <paramref name="holder"/>'s place, if it has one.</summary>
    public void Release(string holder)
    {
        lock (_gate)
        {
            if (_byHolder.Remove(holder, out var pool))
            {
                pool.Unreserve();
            }
        }
    }

    /// <summary>Whether <paramref name="holder"/> has a place, and so runs on a worker.</summary>
    public bool Holds(string holder)
    {
        lock (_gate)
        {
            return _byHolder.ContainsKey(holder);
        }
    }

    /// <summary>Runs <paramref name="holder"/>'s attempt on a worker of its pool; cancelling cancels it inside the worker.</summary>
    public Task<LaunchResult> RunAsync(string holder, WorkerTemplate template, LaunchRequest request, CancellationToken cancellationToken)
    {
        WorkerPool pool;
        lock (_gate)
        {
            pool = _byHolder.TryGetValue(holder, out var held) ? held
                : throw new InvalidOperationException($"{holder} has no place in a worker pool");
        }
        string attemptId = Interlocked.Increment(ref _attempts).ToString(CultureInfo.InvariantCulture);
        return pool.RunAsync(attemptId, template, request, cancellationToken);
    }

    /// <summary>Stops every worker; the devbox is stopping.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }
        await _lifetime.CancelAsync().ConfigureAwait(false);
        await _idleLoop.ConfigureAwait(false);
        List<Task<PooledWorker>> all;
        List<Task> stopping;
        lock (_gate)
        {
            all = _pools.Values.SelectMany(pool => pool.TakeAll()).ToList();
            stopping = [.. _stopping];
        }
        await Task.WhenAll(stopping).ConfigureAwait(false);
        await Task.WhenAll(all.Select(async started =>
        {
            try
            {
                await (await started.ConfigureAwait(false)).KillAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // It never started; there is nothing to stop.
            }
        })).ConfigureAwait(false);
        _lifetime.Dispose();
    }

    private async Task StopIdleWorkersAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(IdleCheck);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var now = DateTimeOffset.UtcNow;
                List<(string Pool, PooledWorker Worker)> idle = [];
                lock (_gate)
                {
                    foreach (var (name, pool) in _pools.ToList())
                    {
                        idle.AddRange(pool.TakeIdle(now).Select(worker => (name, worker)));
                        if (pool.IsEmpty)
                        {
                            _pools.Remove(name);
                        }
                    }
                }
                foreach (var (pool, worker) in idle)
                {
                    _logger.LogInformation("stopping {Worker} of {Pool}: idle", worker, pool);
                    lock (_gate)
                    {
                        _stopping.RemoveAll(stop => stop.IsCompleted);
                        _stopping.Add(worker.StopAsync());
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
