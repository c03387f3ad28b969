using Flyte.Devbox.State;
using Flyteidl2.Common;

namespace Flyte.Devbox.Runs;

/// <summary>
/// The one way runs and actions change: every change is stored (SQLite) before anyone hears of it, then published to
/// watchers, and the run follows its root action's phase. The executor is woken whenever there may be work.
/// </summary>
public sealed class RunBook(DevboxDatabase database, ActionFeed feed)
{
    public const string RootActionName = "a0";

    private readonly SemaphoreSlim _work = new(0);

    public DevboxDatabase Database { get; } = database;

    public ActionFeed Feed { get; } = feed;

    public static bool IsTerminal(int phase) => IsTerminal((ActionPhase)phase);

    public static bool IsTerminal(ActionPhase phase) => Remote.PhaseNames.IsTerminal(phase);

    /// <summary>Stores a new run and its root action; false if a run of that name exists.</summary>
    public bool TryCreate(RunRecord run, ActionRecord root)
    {
        if (!Database.TryCreateRun(run, root))
        {
            return false;
        }
        Feed.Publish(Database.GetAction(root.Key)!);
        WakeExecutor();
        return true;
    }

    /// <summary>Stores a child action a running parent asked for, or a trace it recorded; false if it exists already.</summary>
    public bool TryEnqueue(ActionRecord action)
    {
        if (!Database.TryInsertAction(action))
        {
            return false;
        }
        Feed.Publish(Database.GetAction(action.Key)!);
        if (action.Kind == ActionKind.Task)
        {
            // A trace is stored finished: the executor has nothing to do for it.
            WakeExecutor();
        }
        return true;
    }

    /// <summary>Replaces a FAILED trace with a new record of it and tells the watchers; null when the stored action is no FAILED trace.</summary>
    public ActionRecord? ReplaceFailedTrace(ActionRecord trace)
    {
        var stored = Database.ReplaceFailedTrace(trace);
        if (stored is not null)
        {
            Feed.Publish(stored);
        }
        return stored;
    }

    public ActionRecord Update(ActionRecord action)
    {
        var stored = Database.UpdateAction(action);
        if (stored.Key.Name == RootActionName && Database.GetRun(stored.Key.Run) is { } run && run.Phase != stored.Phase)
        {
            Database.UpdateRun(run with { Phase = stored.Phase, EndedAt = IsTerminal(stored.Phase) ? stored.EndedAt ?? DateTimeOffset.UtcNow : null });
        }
        Feed.Publish(stored);
        if (IsTerminal(stored.Phase) || stored.Phase == (int)ActionPhase.Queued)
        {
            WakeExecutor();
        }
        return stored;
    }

    public void WakeExecutor() => _work.Release();

    /// <summary>Waits until someone may have work for the executor, or <paramref name="timeout"/> passes.</summary>
    public Task WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken) => _work.WaitAsync(timeout, cancellationToken);
}
