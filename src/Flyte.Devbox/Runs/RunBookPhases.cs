using Flyteidl2.Common;

namespace Flyte.Devbox.Runs;

/// <summary>Questions about stored phase numbers (Flyte's ActionPhase).</summary>
public static class RunBookPhases
{
    public static bool IsFailure(int phase) =>
        (ActionPhase)phase is ActionPhase.Failed or ActionPhase.Aborted or ActionPhase.TimedOut;
}
