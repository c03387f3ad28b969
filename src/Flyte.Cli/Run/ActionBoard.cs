using System.Collections.Concurrent;
using Flyte.Local;

namespace Flyte.Cli.Run;

/// <summary>The latest state of every action of a run, fed from the engine's events on any thread, read by the live display.</summary>
internal sealed class ActionBoard : IProgress<ActionEvent>
{
    private readonly ConcurrentDictionary<string, Entry> _actions = new(StringComparer.Ordinal);
    private long _order;

    public sealed record Entry(long Order, ActionEvent Latest);

    public void Report(ActionEvent value) =>
        _actions.AddOrUpdate(value.ActionName,
            _ => new Entry(Interlocked.Increment(ref _order), value),
            (_, previous) => previous with { Latest = value });

    /// <summary>Actions in the order they first appeared.</summary>
    public IReadOnlyList<ActionEvent> Snapshot() =>
        _actions.Values.OrderBy(e => e.Order).Select(e => e.Latest).ToArray();
}
