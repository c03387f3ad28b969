using Flyte.Devbox.Services;
using Flyte.Devbox.State;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Task;
using Flyteidl2.Workflow;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Task = System.Threading.Tasks.Task;

namespace Flyte.Devbox.Triggers;

/// <summary>
/// Fires the active schedule triggers (docs/triggers.md): each fire creates a run of the trigger's task version, named
/// after the trigger and the scheduled time, so a fire repeated is the same run. At start it catches up the ticks
/// missed while the devbox was down, oldest first and at most <c>maxCatchUpFires</c> in all; a trigger stored or
/// activated fires first at its next tick strictly after that moment. The clock is the devbox's
/// <see cref="TimeProvider"/>, so tests can move it.
/// </summary>
public sealed class TriggerScheduler(DevboxDatabase database, RunStarter starter, TimeProvider clock, int maxCatchUpFires, ILogger<TriggerScheduler> logger)
    : BackgroundService
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _changed = new(0);
    private readonly Dictionary<TriggerKey, Entry> _entries = [];

    /// <summary>A registered trigger: the revision it was registered at and its next tick.</summary>
    private sealed record Entry(long Revision, TriggerSchedule Schedule, DateTimeOffset Anchor, string? KickoffInput, DateTimeOffset? Next);

    /// <summary>Reads the triggers again after a change (deploy, activation, delete), before the change's call returns.</summary>
    public void Refresh()
    {
        _gate.Wait();
        try
        {
            Sync(clock.GetUtcNow());
        }
        finally
        {
            _gate.Release();
        }
        _changed.Release();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await _gate.WaitAsync(stoppingToken).ConfigureAwait(false);
        try
        {
            await CatchUpAsync(clock.GetUtcNow(), stoppingToken).ConfigureAwait(false);
            Sync(clock.GetUtcNow());
        }
        finally
        {
            _gate.Release();
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            DateTimeOffset? due;
            await _gate.WaitAsync(stoppingToken).ConfigureAwait(false);
            try
            {
                await FireDueAsync(stoppingToken).ConfigureAwait(false);
                due = _entries.Values.Min(e => e.Next);
            }
            finally
            {
                _gate.Release();
            }
            using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var changed = _changed.WaitAsync(wake.Token);
            // Woken at the next tick (at least once an hour, within Task.Delay's range), or by a change.
            var wait = due is { } at ? Min(Max(at - clock.GetUtcNow(), TimeSpan.Zero), TimeSpan.FromHours(1)) : TimeSpan.FromHours(1);
            var delay = Task.Delay(wait, clock, wake.Token);
            await Task.WhenAny(changed, delay).ConfigureAwait(false);
            await wake.CancelAsync().ConfigureAwait(false);
            await Quietly(changed).ConfigureAwait(false);
            await Quietly(delay).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for a wait that may have been cancelled.</summary>
    private static async Task Quietly(Task wait)
    {
        try
        {
            await wait.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Fires the ticks of every active schedule trigger in (last activation or fire, now), oldest first, at most the limit in all.</summary>
    private async Task CatchUpAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var missed = new List<(DateTimeOffset At, TriggerRecord Trigger, string? Kickoff)>();
        foreach (var trigger in database.ListActiveScheduleTriggers((int)TriggerAutomationSpecType.TypeSchedule))
        {
            if (TriggerDefinitions.ScheduleOf(trigger, out string? kickoff) is not { } schedule)
            {
                continue;
            }
            var anchor = AnchorOf(trigger);
            int count = 0;
            for (var tick = schedule.Next(anchor, anchor); tick is { } at && at < now && count < maxCatchUpFires; tick = schedule.Next(at, anchor), count++)
            {
                missed.Add((at, trigger, kickoff));
            }
        }
        foreach (var (at, trigger, kickoff) in missed.OrderBy(m => m.At).ThenBy(m => m.Trigger.Key.ToString(), StringComparer.Ordinal).Take(maxCatchUpFires))
        {
            await FireAsync(trigger.Key, kickoff, at, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Registers the active schedule triggers that are new or changed and forgets the others.</summary>
    private void Sync(DateTimeOffset now)
    {
        var active = database.ListActiveScheduleTriggers((int)TriggerAutomationSpecType.TypeSchedule).ToDictionary(t => t.Key);
        foreach (var key in _entries.Keys.Where(k => !active.ContainsKey(k)).ToList())
        {
            _entries.Remove(key);
        }
        foreach (var (key, trigger) in active)
        {
            if (_entries.TryGetValue(key, out var entry) && entry.Revision == trigger.Revision)
            {
                continue;
            }
            if (TriggerDefinitions.ScheduleOf(trigger, out string? kickoff) is not { } schedule)
            {
                continue;
            }
            var anchor = AnchorOf(trigger);
            _entries[key] = new Entry(trigger.Revision, schedule, anchor, kickoff, schedule.Next(Max(anchor, now), anchor));
        }
    }

    private async Task FireDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var (key, entry) in _entries.Where(e => e.Value.Next <= now).OrderBy(e => e.Value.Next).ToList())
        {
            // As a cron scheduler does: the overdue tick fires once, and the next is the first after now.
            await FireAsync(key, entry.KickoffInput, entry.Next!.Value, cancellationToken).ConfigureAwait(false);
            _entries[key] = entry with { Next = entry.Schedule.Next(now, entry.Anchor) };
        }
    }

    private async Task FireAsync(TriggerKey key, string? kickoffInput, DateTimeOffset scheduled, CancellationToken cancellationToken)
    {
        var request = new CreateRunRequest
        {
            RunId = new RunIdentifier
            {
                Org = key.Org,
                Project = key.Project,
                Domain = key.Domain,
                Name = TriggerSchedule.RunName(key.Project, key.Domain, key.TaskName, key.Name, scheduled),
            },
            TriggerName = new TriggerName { Org = key.Org, Project = key.Project, Domain = key.Domain, TaskName = key.TaskName, Name = key.Name },
            Source = RunSource.ScheduleTrigger,
        };
        if (kickoffInput is not null)
        {
            request.Inputs = new Inputs();
            request.Inputs.Literals.Add(new NamedLiteral
            {
                Name = kickoffInput,
                Value = new Literal { Scalar = new Scalar { Primitive = new Primitive { Datetime = Timestamp.FromDateTimeOffset(scheduled) } } },
            });
        }
        try
        {
            await starter.CreateAsync(request, cancellationToken, scheduled).ConfigureAwait(false);
            database.MarkTriggered(key, clock.GetUtcNow());
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists)
        {
            // The same tick fired before: its run exists already.
        }
        catch (RpcException e)
        {
            logger.LogWarning("Trigger {Trigger} of task {Task} could not start its run of {Scheduled:O}: {Status}: {Detail}",
                key.Name, key.TaskName, scheduled, e.StatusCode, e.Status.Detail);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // One fire failing (storage, say) must not stop the scheduler, let alone the devbox.
            logger.LogError(e, "Trigger {Trigger} of task {Task} failed to start its run of {Scheduled:O}", key.Name, key.TaskName, scheduled);
        }
    }

    /// <summary>Where its ticks count from: its last activation (or first deploy) or its last fire, whichever is later.</summary>
    private static DateTimeOffset AnchorOf(TriggerRecord trigger) =>
        trigger.TriggeredAt is { } fired && fired > trigger.UpdatedAt ? fired : trigger.UpdatedAt;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
