namespace Flyte.Devbox.Execution;

/// <summary>What became of a trace a running task recorded (<see cref="ActionExecutor.TryRecordTrace"/>).</summary>
public enum TraceRecording
{
    /// <summary>Refused: the run or the parent has ended or is being aborted.</summary>
    Refused,

    /// <summary>Stored as a new action.</summary>
    Stored,

    /// <summary>A FAILED trace of that name was replaced by the new record.</summary>
    Replaced,

    /// <summary>A trace of that name that did not fail is kept as it was; the new record changes nothing.</summary>
    Kept,

    /// <summary>The run has a task action of that name; nothing was stored.</summary>
    NameIsTask,
}
