using Flyteidl2.Common;

namespace Flyte.Remote;

/// <summary>Phases as people read them: QUEUED, RUNNING, SUCCEEDED…</summary>
public static class PhaseNames
{
    public static string Of(ActionPhase phase) => phase switch
    {
        ActionPhase.Queued => "QUEUED",
        ActionPhase.WaitingForResources => "WAITING_FOR_RESOURCES",
        ActionPhase.Initializing => "INITIALIZING",
        ActionPhase.Running => "RUNNING",
        ActionPhase.Succeeded => "SUCCEEDED",
        ActionPhase.Failed => "FAILED",
        ActionPhase.Aborted => "ABORTED",
        ActionPhase.TimedOut => "TIMED_OUT",
        _ => phase.ToString().ToUpperInvariant(),
    };

    public static bool IsTerminal(ActionPhase phase) =>
        phase is ActionPhase.Succeeded or ActionPhase.Failed or ActionPhase.Aborted or ActionPhase.TimedOut;
}
