namespace Flyte.Devbox.State;

/// <summary>What an action is: a task the executor runs, or a trace a running task recorded (docs/devbox-traces.md).</summary>
public enum ActionKind
{
    /// <summary>A task: queued, launched by the executor, given attempts; every action before schema version 3.</summary>
    Task,

    /// <summary>
    /// A function traced inside a task (flyte-sdk's <c>@flyte.trace</c>): stored already finished, with one attempt, and
    /// never launched.
    /// </summary>
    Trace,
}
