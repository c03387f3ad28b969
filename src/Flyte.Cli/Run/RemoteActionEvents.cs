using Flyte.Cli.Remote;
using Flyte.Local;
using Action = Flyteidl2.Workflow.Action;

namespace Flyte.Cli.Run;

/// <summary>
/// Turns the actions a control plane streams (WatchActions) into the events local runs report, so both kinds of run
/// show progress the same way. A control plane may send an action again unchanged; that is no news and is dropped.
/// </summary>
internal sealed class RemoteActionEvents
{
    private readonly Dictionary<string, ActionEvent> _latest = new(StringComparer.Ordinal);

    /// <summary>The event for what changed, or null when nothing a reader would see did.</summary>
    public ActionEvent? Next(Action action)
    {
        if (action.Status is not { Phase: not Flyteidl2.Common.ActionPhase.Unspecified } status)
        {
            return null;
        }
        var next = new ActionEvent(
            action.Id.Name,
            RemoteText.TaskName(action.Metadata),
            action.Metadata?.Parent is { Length: > 0 } parent ? parent : null,
            (ActionPhase)(int)status.Phase,
            Attempt: Math.Max(0, (int)status.Attempts - 1),
            CacheHit: status.CacheStatus == Flyteidl2.Core.CatalogCacheStatus.CacheHit,
            Error: null);
        if (_latest.TryGetValue(next.ActionName, out var previous) && previous == next)
        {
            return null;
        }
        _latest[next.ActionName] = next;
        return next;
    }
}
