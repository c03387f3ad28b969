namespace Flyte.Local;

/// <summary>Phases of an action, numbered as Flyte 2's ActionPhase.</summary>
public enum ActionPhase
{
    /// <summary>Waiting to start.</summary>
    Queued = 1,
    /// <summary>Waiting for the resources it asked for.</summary>
    WaitingForResources = 2,
    /// <summary>Starting: pulling its image, fetching its code.</summary>
    Initializing = 3,
    /// <summary>Running the task's code.</summary>
    Running = 4,
    /// <summary>Ended with outputs.</summary>
    Succeeded = 5,
    /// <summary>Ended without outputs: every attempt failed.</summary>
    Failed = 6,
    /// <summary>Stopped before it ended.</summary>
    Aborted = 7,
    /// <summary>Ran past its timeout.</summary>
    TimedOut = 8,

    /// <summary>Taken over from an earlier run on a newer control plane; local runs never end so (docs/watches.md).</summary>
    Recovered = 10,
}
