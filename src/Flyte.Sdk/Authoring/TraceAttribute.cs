namespace Flyte;

/// <summary>
/// Marks a method called inside a task as a Flyte trace, as flyte-sdk's <c>@flyte.trace</c> does: a checkpointed step of
/// the task. Each call records its inputs and its result (or its failure) as a trace action, a child of the running
/// task. When the task's attempt is retried, or its pod restarts, a call the earlier attempt finished returns the
/// recorded result instead of running again; a recorded failure is thrown again unless it was recoverable
/// (<see cref="RecoverableException"/>), which runs the call again. Outside a Flyte run the call is an ordinary method
/// call.
/// </summary>
/// <remarks>
/// The method must be static and reachable from the assembly (internal or public); its parameters and result must be
/// types Flyte passes between tasks. Its name and a hash of its declaration name the trace, so editing the method makes
/// a retried task run it again rather than replay a result of the old code. See docs/traces.md.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class TraceAttribute : Attribute
{
}
