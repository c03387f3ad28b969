using Flyteidl2.Common;

namespace Flyte.Remote;

/// <summary>Phases as people read them (QUEUED, RUNNING, SUCCEEDED…), and which of them end an action.</summary>
internal static class PhaseNames
{
    /// <summary>
    /// ACTION_PHASE_RECOVERED: the action's result was taken over from an earlier run instead of running again. Newer
    /// Flyte 2 backends send it; the schema this SDK builds on predates it (docs/watches.md).
    /// </summary>
    public const ActionPhase Recovered = (ActionPhase)10;

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
        ActionPhase.Paused => "PAUSED",
        Recovered => "RECOVERED",
        ActionPhase.Unspecified => "UNSPECIFIED",
        // A phase newer than this schema: its number, and not taken for an end.
        _ => $"PHASE_{(int)phase}",
    };

    public static bool IsTerminal(ActionPhase phase) =>
        phase is ActionPhase.Succeeded or ActionPhase.Failed or ActionPhase.Aborted or ActionPhase.TimedOut or Recovered;

    /// <summary>Ended with outputs: succeeded, or recovered from an earlier run.</summary>
    public static bool IsSuccess(ActionPhase phase) => phase is ActionPhase.Succeeded or Recovered;
}
