namespace Flyte.Devbox.Execution;

/// <summary>
/// Starts one attempt of an action and waits for it to end: a local a0 process by default, a container with the
/// Docker launcher. Cancelling the token stops the attempt (its whole process tree) before returning.
/// </summary>
public interface IActionLauncher
{
    Task<LaunchResult> RunAsync(LaunchRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Stops the attempts an earlier devbox process on the same data folder started under <paramref name="workRoot"/>
    /// (where every attempt's working directory is) and left running when it died, so that an action re-queued after the
    /// restart never runs twice at once. Called once at start-up, before any action runs.
    /// </summary>
    /// <returns>How many were stopped.</returns>
    Task<int> StopOrphansAsync(string workRoot, CancellationToken cancellationToken);
}

/// <param name="Args">The task container's args after placeholder substitution; the first is <c>a0</c>.</param>
/// <param name="Environment">The executor's variables and the task's own.</param>
/// <param name="WorkingDirectory">A fresh folder for the attempt (a0 unpacks its code bundle into <c>--dest .</c>).</param>
/// <param name="LogPath">Where the attempt's standard output and error go.</param>
/// <param name="Image">The task's image, for launchers that run containers.</param>
/// <param name="Resources">What the task asked for.</param>
/// <param name="Limits">What the task may use at most, for launchers that can hold it to that (containers).</param>
public sealed record LaunchRequest(
    IReadOnlyList<string> Args,
    IReadOnlyDictionary<string, string> Environment,
    string WorkingDirectory,
    string LogPath,
    string Image,
    ResourceRequest Resources,
    ResourceRequest Limits);

/// <param name="ExitCode">The process's exit code; a0 exits 0 whether the task succeeded or failed.</param>
/// <param name="KilledForMemory">The attempt was killed for going over its memory limit.</param>
/// <param name="LostWorker">Why the attempt ended without an answer from the reusable environment's worker that ran it (the
/// worker died, or the devbox lost it); null for an attempt that ran alone or that its worker finished.</param>
public sealed record LaunchResult(int ExitCode, bool KilledForMemory = false, string? LostWorker = null);
