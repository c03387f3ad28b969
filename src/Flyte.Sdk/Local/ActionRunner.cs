using Flyte.Generation;
using Flyte.Hashing;
using Flyte.Tasks;
using Flyteidl2.Core;
using Google.Protobuf;

namespace Flyte.Local;

/// <summary>
/// The Flyte context of one running action: each task it calls becomes a child action with a
/// deterministic name (docs/protocol.md, Names and hashes), so a rerun finds the same names; each trace it calls is
/// recorded as a finished child, and returns its recorded result when a retried attempt calls it again (docs/traces.md).
/// </summary>
internal sealed class ActionRunner : ITaskRunner, ITraceRunner, IChildActions
{
    private readonly LocalEngine _engine;
    private readonly ActionReport _parent;
    private readonly CancellationToken _parentToken;
    private ChildCalls? _calls;

    /// <param name="parentToken">Fires when the parent's attempt ends early (aborted, timed out): its children are aborted with it.</param>
    public ActionRunner(LocalEngine engine, ActionReport parent, CancellationToken parentToken)
    {
        _engine = engine;
        _parent = parent;
        _parentToken = parentToken;
    }

    /// <summary>The naming of this action's calls, made by its first call: most tasks call nothing.</summary>
    private ChildCalls Calls
    {
        get
        {
            if (Volatile.Read(ref _calls) is { } calls)
            {
                return calls;
            }
            Interlocked.CompareExchange(ref _calls, new ChildCalls(_parent.Name), null);
            return _calls;
        }
    }

    public Task<LiteralMap> RunChildAsync(TaskDefinition task, LiteralMap inputs, CancellationToken cancellationToken) =>
        RunChildAsync(task, inputs, Calls, cancellationToken);

    public Task<TraceCall> BeginTraceAsync(TraceDefinition trace, LiteralMap inputs, CancellationToken cancellationToken) =>
        BeginTraceAsync(trace, inputs, Calls, cancellationToken);

    public Task<LiteralMap> RunChildAsync(TaskDefinition task, LiteralMap inputs, ChildCalls naming, CancellationToken cancellationToken)
    {
        var call = naming.Next(task, inputs, FlyteContext.Group);
        var child = new ActionReport(call.ActionName, task.Name, _parent) { Group = call.Group };
        _parent.AddChild(child);
        return _engine.RunActionAsync(task, inputs.ToByteArray(), call.InputsHash, child, _parentToken);
    }

    public Task<TraceCall> BeginTraceAsync(TraceDefinition trace, LiteralMap inputs, ChildCalls naming, CancellationToken cancellationToken)
    {
        var call = naming.NextTrace(trace, inputs, FlyteContext.Group);
        var replay = _engine.Traces.Replay(trace, call.ActionName);
        return Task.FromResult(new TraceCall(trace, call.ActionName, call.Group, inputs, new TraceScope(this, call.ActionName), replay));
    }

    public Task RecordTraceAsync(TraceCall call, TraceOutcome outcome, CancellationToken cancellationToken)
    {
        _engine.RecordTrace(_parent, call, outcome);
        return Task.CompletedTask;
    }

    /// <summary>The local engine has no control plane to fetch a deployed task from.</summary>
    public Task<LiteralMap> RunRemoteAsync(RemoteTaskDefinition task, LiteralMap inputs, ChildCalls naming, CancellationToken cancellationToken) =>
        throw RemoteTaskCalls.NotInLocalRuns(task);
}
