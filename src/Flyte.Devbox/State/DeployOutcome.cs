namespace Flyte.Devbox.State;

/// <summary>What deploying a task version did. A stored version is never overwritten.</summary>
public enum DeployOutcome
{
    /// <summary>The version was new and is now stored.</summary>
    Created,

    /// <summary>The version was stored already with exactly the same spec bytes; nothing changed.</summary>
    Unchanged,

    /// <summary>The version was stored already with a different spec; nothing changed.</summary>
    Conflict,
}
