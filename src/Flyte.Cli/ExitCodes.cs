namespace Flyte.Cli;

/// <summary>What the process's exit code tells a script.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The run started and failed (or was aborted).</summary>
    public const int RunFailed = 1;

    /// <summary>Nothing ran: unknown command, task or input, a badly typed value, a missing file.</summary>
    public const int Usage = 2;
}
