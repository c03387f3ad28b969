using System.Collections.Concurrent;
using Flyte.Generation;
using Flyte.Tasks;
using Flyteidl2.Core;

namespace Flyte.Local;

/// <summary>
/// The traces a local run has recorded, by action name: what a retried attempt of their parent replays. A result is
/// returned again; a failure is thrown again unless it was recoverable, which runs the trace again (docs/traces.md).
/// </summary>
internal sealed class LocalTraces
{
    private readonly ConcurrentDictionary<string, Recorded> _recorded = new(StringComparer.Ordinal);

    /// <summary>One recorded trace: its entry in the run's report, and its outputs or its error.</summary>
    internal sealed record Recorded(ActionReport Report, LiteralMap? Outputs, ContainerError? Error);

    public TraceReplay? Replay(TraceDefinition trace, string actionName)
    {
        if (!_recorded.TryGetValue(actionName, out var recorded))
        {
            return null;
        }
        if (recorded.Outputs is { } outputs)
        {
            return new TraceReplay(outputs, null);
        }
        if (recorded.Error is { Kind: ContainerError.Types.Kind.NonRecoverable } error)
        {
            return new TraceReplay(null, TaskFailedException.ReplayedTrace(trace.Name, actionName, error.Code, error.Message));
        }
        return null;
    }

    /// <summary>The report entry of a trace recorded before under <paramref name="actionName"/> (a recoverable failure run again), if any.</summary>
    public ActionReport? ReportOf(string actionName) => _recorded.TryGetValue(actionName, out var recorded) ? recorded.Report : null;

    public void Record(string actionName, Recorded recorded) => _recorded[actionName] = recorded;
}
