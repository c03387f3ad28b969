namespace Flyte.Local;

/// <summary>Phases of an action, numbered as Flyte 2's ActionPhase.</summary>
public enum ActionPhase
{
    Queued = 1,
    WaitingForResources = 2,
    Initializing = 3,
    Running = 4,
    Succeeded = 5,
    Failed = 6,
    Aborted = 7,
    TimedOut = 8,

    /// <summary>Taken over from an earlier run on a newer control plane; local runs never end so (docs/watches.md).</summary>
    Recovered = 10,
}
