using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace Flyte.Devbox.Execution.Workers;

/// <summary>
/// The workers of one reusable environment at one version (docs/workers.md, The devbox's pools): up to
/// <see cref="ActorSpec.MaxReplicas"/> of them, each running up to <see cref="ActorSpec.Parallelism"/> attempts at once.
/// A worker is started when an attempt finds every other one full; an attempt goes to the oldest worker with room, so
/// that one after another they run on the same worker. Idle workers beyond the minimum stop after the scale-down TTL,
/// all of them after the idle TTL (<see cref="TakeIdle"/>).
/// </summary>
internal sealed class WorkerPool(string name, ActorSpec actor, IWorkerLauncher launcher, DevboxPaths paths, ILogger logger, CancellationToken lifetime)
{
    private readonly object _gate = new();
    private readonly List<Slot> _slots = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _reserved;
    private int _started;
    private DateTimeOffset _lastUsed = DateTimeOffset.UtcNow;

    public ActorSpec Actor => actor;

    /// <summary>No worker and no attempt: the pool can be forgotten.</summary>
    public bool IsEmpty
    {
        get
        {
            lock (_gate)
            {
                return _slots.Count == 0 && _reserved == 0;
            }
        }
    }

    /// <summary>Holds a place for an attempt, while the pool's workers have room for one more at most.</summary>
    public bool TryReserve()
    {
        lock (_gate)
        {
            if (_reserved >= actor.MaxReplicas * actor.Parallelism)
            {
                return false;
            }
            _reserved++;
            _lastUsed = DateTimeOffset.UtcNow;
            return true;
        }
    }

    public void Unreserve()
    {
        lock (_gate)
        {
            _reserved--;
            _lastUsed = DateTimeOffset.UtcNow;
        }
    }

    /// <summary>Runs the attempt on a worker with room, starting one if none has.</summary>
    public async Task<LaunchResult> RunAsync(string attemptId, WorkerTemplate template, LaunchRequest request, CancellationToken cancellationToken)
    {
        var slot = await TakeRoomAsync(template, cancellationToken).ConfigureAwait(false);
        try
        {
            var worker = await slot.Started.WaitAsync(cancellationToken).ConfigureAwait(false);
            return await worker.RunAsync(attemptId, request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                slot.InFlight--;
                slot.IdleSince = DateTimeOffset.UtcNow;
                _lastUsed = slot.IdleSince;
                Changed();
            }
        }
    }

    /// <summary>
    /// The workers to stop now, taken out of the pool: all when the whole pool has been idle for the idle TTL, else those
    /// beyond the minimum that have been idle for the scale-down TTL (the idle TTL when it has none), newest first.
    /// </summary>
    public List<PooledWorker> TakeIdle(DateTimeOffset now)
    {
        var stop = new List<Slot>();
        lock (_gate)
        {
            var idle = _slots.Where(slot => slot.Worker is not null && slot.InFlight == 0).OrderByDescending(slot => slot.Order).ToList();
            if (_reserved == 0 && actor.IdleTtl is { } idleTtl && now - _lastUsed >= idleTtl)
            {
                stop.AddRange(idle);
            }
            else if ((actor.ScaledownTtl ?? actor.IdleTtl) is { } scaledownTtl)
            {
                int left = _slots.Count;
                foreach (var slot in idle.Where(slot => now - slot.IdleSince >= scaledownTtl))
                {
                    if (left <= actor.MinReplicas)
                    {
                        break;
                    }
                    stop.Add(slot);
                    left--;
                }
            }
            foreach (var slot in stop)
            {
                _slots.Remove(slot);
            }
            if (stop.Count > 0)
            {
                Changed();
            }
        }
        return stop.Select(slot => slot.Worker!).ToList();
    }

    /// <summary>Every worker, taken out of the pool: for the devbox's end.</summary>
    public List<Task<PooledWorker>> TakeAll()
    {
        lock (_gate)
        {
            var all = _slots.Select(slot => slot.Started).ToList();
            _slots.Clear();
            Changed();
            return all;
        }
    }

    private async Task<Slot> TakeRoomAsync(WorkerTemplate template, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                var room = _slots.Where(slot => slot.InFlight < actor.Parallelism).MinBy(slot => slot.Order);
                if (room is null && _slots.Count < actor.MaxReplicas)
                {
                    room = Start(template);
                }
                if (room is not null)
                {
                    room.InFlight++;
                    return room;
                }
                // Every worker is full, or on its way out: wait for one to have room, or to be gone.
                changed = _changed.Task;
            }
            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Under the gate: a new slot whose worker starts in the background, on the pool's lifetime rather than the
    /// attempt's, since other attempts may come to wait for it too.</summary>
    private Slot Start(WorkerTemplate template)
    {
        string id = $"{actor.Name}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant()}";
        var slot = new Slot(_started++);
        slot.Started = Task.Run(() => StartAsync(slot, id, template));
        _slots.Add(slot);
        return slot;
    }

    private async Task<PooledWorker> StartAsync(Slot slot, string id, WorkerTemplate template)
    {
        PooledWorker worker;
        try
        {
            worker = await PooledWorker.StartAsync(launcher, id, template, paths.WorkerDirectory(id), paths.WorkerLog(id), lost => Forget(slot, lost), lifetime).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            logger.LogError(e, "could not start a worker of {Pool}", name);
            lock (_gate)
            {
                _slots.Remove(slot);
                Changed();
            }
            throw;
        }
        logger.LogInformation("started {Worker} of {Pool}", worker, name);
        lock (_gate)
        {
            slot.Worker = worker;
            slot.IdleSince = DateTimeOffset.UtcNow;
        }
        return worker;
    }

    /// <summary>Takes a worker that has gone out of the pool, if it is still in it.</summary>
    private void Forget(Slot slot, PooledWorker worker)
    {
        lock (_gate)
        {
            if (_slots.Remove(slot))
            {
                // Not stopped by the pool: it died, and its attempts go again on another worker.
                logger.LogWarning("{Worker} of {Pool} ended", worker, name);
            }
            Changed();
        }
    }

    /// <summary>Under the gate: wakes the attempts waiting for room.</summary>
    private void Changed()
    {
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }

    private sealed class Slot(int order)
    {
        public int Order { get; } = order;
        public Task<PooledWorker> Started { get; set; } = null!;
        public PooledWorker? Worker { get; set; }
        public int InFlight { get; set; }
        public DateTimeOffset IdleSince { get; set; }
    }
}
