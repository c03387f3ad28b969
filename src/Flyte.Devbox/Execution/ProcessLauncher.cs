using Flyte.Devbox.Execution.Workers;

namespace Flyte.Devbox.Execution;

/// <summary>
/// Runs an attempt as a local process: <c>a0</c> (the first arg) becomes <paramref name="a0Command"/> (for example
/// <c>dotnet /path/a0.dll</c>), everything it prints goes to the attempt's log file, and cancellation kills the
/// whole process tree. A reusable environment's worker is started the same way and left running
/// (<see cref="StartWorkerAsync"/>). Both leave a marker while they run (<see cref="LoggedProcess"/>), so that a devbox
/// restarted after a crash finds and stops them (<see cref="StopOrphansAsync"/>).
/// </summary>
public sealed class ProcessLauncher(IReadOnlyList<string> a0Command) : IActionLauncher, IWorkerLauncher
{
    public async Task<LaunchResult> RunAsync(LaunchRequest request, CancellationToken cancellationToken)
    {
        var process = await LoggedProcess.StartAsync(Command(request.Args), request.Environment, request.WorkingDirectory, request.LogPath).ConfigureAwait(false);
        try
        {
            return new LaunchResult(await process.Exited.WaitAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            await process.KillAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task<LaunchedWorker> StartWorkerAsync(WorkerLaunchRequest request, CancellationToken cancellationToken) =>
        await LoggedProcess.StartAsync(Command(request.Args), request.Environment, request.WorkingDirectory, request.LogPath).ConfigureAwait(false);

    public Task<int> StopOrphansAsync(string workRoot, CancellationToken cancellationToken)
    {
        int stopped = 0;
        if (!Directory.Exists(workRoot))
        {
            return Task.FromResult(stopped);
        }
        foreach (string marker in Directory.EnumerateFiles(workRoot, "*" + LoggedProcess.MarkerSuffix, SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Only the very process the marker names: its id may have been reused since, by a process started later.
            if (RunningProcess.Find(File.ReadAllText(marker)) is { } orphan)
            {
                using (orphan)
                {
                    orphan.Kill(entireProcessTree: true);
                    orphan.WaitForExit();
                }
                stopped++;
            }
            File.Delete(marker);
        }
        return Task.FromResult(stopped);
    }

    /// <summary>The args with <c>a0</c> replaced by the command that runs it here.</summary>
    private IReadOnlyList<string> Command(IReadOnlyList<string> args) => [.. a0Command, .. args.Skip(1)];
}
