using Flyte.Tasks;
using Flyteidl2.Core;

namespace Flyte.Generation;

/// <summary>
/// A runner that records traces: the local engine's and a0's. <see cref="TraceCalls"/> asks it to name a call and look
/// for an earlier attempt's record of it, runs the method when there is none, and hands it the outcome to record.
/// </summary>
internal interface ITraceRunner
{
    /// <summary>Names the call and finds what an earlier attempt of the running task recorded for it, if anything.</summary>
    Task<TraceCall> BeginTraceAsync(TraceDefinition trace, LiteralMap inputs, CancellationToken cancellationToken);

    /// <summary>Records how the call ended, as a finished child action of the running task.</summary>
    Task RecordTraceAsync(TraceCall call, TraceOutcome outcome, CancellationToken cancellationToken);
}

/// <summary>
/// The calls of one running task, named under a given parent name: the task's own, or a trace's for the calls made
/// inside the trace (flyte-sdk names those under the trace's action, though they are the task's children).
/// </summary>
internal interface IChildActions
{
    Task<LiteralMap> RunChildAsync(TaskDefinition task, LiteralMap inputs, Hashing.ChildCalls naming, CancellationToken cancellationToken);

    Task<TraceCall> BeginTraceAsync(TraceDefinition trace, LiteralMap inputs, Hashing.ChildCalls naming, CancellationToken cancellationToken);

    Task RecordTraceAsync(TraceCall call, TraceOutcome outcome, CancellationToken cancellationToken);

    Task<LiteralMap> RunRemoteAsync(RemoteTaskDefinition task, LiteralMap inputs, Hashing.ChildCalls naming, CancellationToken cancellationToken);
}

/// <summary>The runner current inside a trace: the task's children and traces, named under the trace's action.</summary>
internal sealed class TraceScope(IChildActions actions, string traceActionName) : ITaskRunner, ITraceRunner, IRemoteTaskRunner
{
    private readonly Hashing.ChildCalls _naming = new(traceActionName);

    public Task<LiteralMap> RunChildAsync(TaskDefinition task, LiteralMap inputs, CancellationToken cancellationToken) =>
        actions.RunChildAsync(task, inputs, _naming, cancellationToken);

    public Task<TraceCall> BeginTraceAsync(TraceDefinition trace, LiteralMap inputs, CancellationToken cancellationToken) =>
        actions.BeginTraceAsync(trace, inputs, _naming, cancellationToken);

    public Task RecordTraceAsync(TraceCall call, TraceOutcome outcome, CancellationToken cancellationToken) =>
        actions.RecordTraceAsync(call, outcome, cancellationToken);

    public Task<LiteralMap> RunRemoteAsync(RemoteTaskDefinition task, LiteralMap inputs, CancellationToken cancellationToken) =>
        actions.RunRemoteAsync(task, inputs, _naming, cancellationToken);
}

/// <summary>One call of a trace: its action's name and group, and the earlier attempt's record when there is one.</summary>
/// <param name="Scope">The runner for calls made inside the trace.</param>
/// <param name="Replay">What an earlier attempt recorded, to return instead of running; null to run the method.</param>
internal sealed record TraceCall(TraceDefinition Trace, string ActionName, string? Group, LiteralMap Inputs, ITaskRunner Scope, TraceReplay? Replay);

/// <summary>A recorded result (<see cref="Outputs"/>) or a recorded failure that must not be retried (<see cref="Failure"/>).</summary>
internal sealed record TraceReplay(LiteralMap? Outputs, Exception? Failure);

/// <summary>How a trace call ended: its outputs or its error, and when it ran.</summary>
internal sealed record TraceOutcome(LiteralMap? Outputs, ContainerError? Error, DateTimeOffset Started, DateTimeOffset Ended)
{
    public static TraceOutcome Succeeded(LiteralMap outputs, DateTimeOffset started) => new(outputs, null, started, DateTimeOffset.UtcNow);

    public static TraceOutcome Failed(ContainerError error, DateTimeOffset started) => new(null, error, started, DateTimeOffset.UtcNow);
}
