using Flyteidl2.Common;

namespace Flyte.Remote;

/// <summary>A remote run ended without outputs: failed, timed out or aborted; <see cref="Error"/> says why.</summary>
public sealed class RemoteRunFailedException(string runName, ActionPhase phase, Flyteidl2.Workflow.ErrorInfo? error)
    : FlyteRemoteException($"run {runName} ended {PhaseNames.Of(phase)}{(error is null ? "" : ": " + error.Message)}")
{
    /// <summary>The run that failed.</summary>
    public string RunName { get; } = runName;

    /// <summary>How the run ended: failed, timed out or aborted.</summary>
    public ActionPhase Phase { get; } = phase;

    /// <summary>The error the run's root action reported (its message and whether the user's code or the system failed).</summary>
    public Flyteidl2.Workflow.ErrorInfo? Error { get; } = error;
}
