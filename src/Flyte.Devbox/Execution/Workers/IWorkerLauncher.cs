namespace Flyte.Devbox.Execution.Workers;

/// <summary>
/// Starts the long-lived <c>a0 worker</c> of a reusable environment: a local process, or a container with the Docker
/// launcher. A launcher that does not implement it runs reusable tasks one process per attempt, as any other.
/// </summary>
public interface IWorkerLauncher
{
    /// <summary>Starts the worker and returns once it runs; it connects back to the devbox by itself.</summary>
    Task<LaunchedWorker> StartWorkerAsync(WorkerLaunchRequest request, CancellationToken cancellationToken);
}

/// <param name="Args">a0's command line: <c>a0 worker --connect &lt;address:port&gt; --id &lt;id&gt;</c>.</param>
/// <param name="Environment">The worker's variables: the task's own and the devbox's, and the token it must present.</param>
/// <param name="WorkingDirectory">The worker's folder, where it unpacks the code bundle.</param>
/// <param name="LogPath">Where the worker's own output goes; each attempt's goes to the attempt's log.</param>
/// <param name="Image">The task's image, for launchers that run containers.</param>
/// <param name="Limits">What the worker may use at most, shared by the attempts it runs at once.</param>
public sealed record WorkerLaunchRequest(
    IReadOnlyList<string> Args,
    IReadOnlyDictionary<string, string> Environment,
    string WorkingDirectory,
    string LogPath,
    string Image,
    ResourceRequest Limits);

/// <summary>A started worker, as its launcher can see it: its end, and how to stop it by force.</summary>
public abstract class LaunchedWorker
{
    /// <summary>The process id or container id, for logs and messages.</summary>
    public abstract string Description { get; }

    /// <summary>Completes with the exit code when the worker has ended, for whatever reason.</summary>
    public abstract Task<int> Exited { get; }

    /// <summary>Ends the worker now (its whole process tree, or its container), and waits until it has.</summary>
    public abstract Task KillAsync();
}
