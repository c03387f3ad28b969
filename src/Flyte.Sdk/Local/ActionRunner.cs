using Flyte.Generation;
using Flyte.Hashing;
using Flyte.Tasks;
using Flyteidl2.Core;

namespace Flyte.Local;

/// <summary>
/// The Flyte context of one running action: each task it calls becomes a child action with a
/// deterministic name (docs/protocol.md, Names and hashes), so a rerun finds the same names.
/// </summary>
internal sealed class ActionRunner : ITaskRunner
{
    private readonly LocalEngine _engine;
    private readonly ActionReport _parent;
    private readonly CancellationToken _parentToken;
    private readonly ChildCalls _calls;

    /// <param name="parentToken">Fires when the parent's attempt ends early (aborted, timed out): its children are aborted with it.</param>
    public ActionRunner(LocalEngine engine, ActionReport parent, CancellationToken parentToken)
    {
        _engine = engine;
        _parent = parent;
        _parentToken = parentToken;
        _calls = new ChildCalls(parent.Name);
    }

    public Task<LiteralMap> RunChildAsync(TaskDefinition task, LiteralMap inputs, CancellationToken cancellationToken)
    {
        var call = _calls.Next(task, inputs, FlyteContext.Group);
        var child = new ActionReport(call.ActionName, task.Name, _parent) { Group = call.Group };
        _parent.AddChild(child);
        return _engine.RunActionAsync(task, inputs, child, _parentToken);
    }
}
