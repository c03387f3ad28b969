using System.Collections.Concurrent;
using Docker.DotNet;
using Docker.DotNet.Models;
using Flyte.Devbox.Execution.Workers;
using Flyte.Images;

namespace Flyte.Devbox.Execution;

/// <summary>
/// Runs an attempt as a container of the task's image on a Docker engine, as a Flyte cluster runs it in a pod:
/// the image's <c>a0</c> with the rendered args and env, the host network only (the devbox and its storage are
/// on loopback), the task's CPU and memory limits, standard output and error into the attempt's log. The
/// attempt's folder (and <see cref="DockerLauncherOptions.SharedDirectories"/>, the devbox's folder store) is
/// mounted at the same path, so file URIs mean the same inside and out. Cancelling removes the container.
/// A reusable environment's worker is one long-running container of the same kind (<see cref="StartWorkerAsync"/>),
/// which connects back to the devbox over loopback.
/// </summary>
public sealed class DockerLauncher : IActionLauncher, IWorkerLauncher, IDisposable
{
    private readonly DockerLauncherOptions _options;
    private readonly DockerClient _docker;
    private readonly ConcurrentDictionary<string, Lazy<Task>> _pulls = new(StringComparer.Ordinal);

    public DockerLauncher(DockerLauncherOptions options)
    {
        _options = options;
        _docker = new DockerClientConfiguration(options.Engine).CreateClient();
    }

    public async Task<LaunchResult> RunAsync(LaunchRequest request, CancellationToken cancellationToken)
    {
        string id = await CreateAsync("attempt", request.Args, request.Environment, request.WorkingDirectory, request.LogPath, request.Image, request.Limits, cancellationToken).ConfigureAwait(false);
        try
        {
            await _docker.Containers.StartContainerAsync(id, new ContainerStartParameters(), cancellationToken).ConfigureAwait(false);
            var logs = CopyLogsAsync(id, request.LogPath, cancellationToken);
            var exit = await _docker.Containers.WaitContainerAsync(id, cancellationToken).ConfigureAwait(false);
            await logs.ConfigureAwait(false);
            var state = (await _docker.Containers.InspectContainerAsync(id, CancellationToken.None).ConfigureAwait(false)).State;
            return new LaunchResult((int)exit.StatusCode, KilledForMemory: state.OOMKilled);
        }
        finally
        {
            // Also on cancellation (abort, timeout): force-removing kills whatever still runs in it.
            await _docker.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true }, CancellationToken.None).ConfigureAwait(false);
        }
    }

    public async Task<LaunchedWorker> StartWorkerAsync(WorkerLaunchRequest request, CancellationToken cancellationToken)
    {
        string id = await CreateAsync("worker", request.Args, request.Environment, request.WorkingDirectory, request.LogPath, request.Image, request.Limits, cancellationToken).ConfigureAwait(false);
        try
        {
            await _docker.Containers.StartContainerAsync(id, new ContainerStartParameters(), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await _docker.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true }, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        return new DockerWorker(_docker, id, CopyLogsAsync(id, request.LogPath, CancellationToken.None));
    }

    /// <summary>Creates (not starts) the container of an attempt or a worker, its image pulled first if missing; its id.</summary>
    private async Task<string> CreateAsync(string role, IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment, string workingDirectory,
        string logPath, string requestedImage, ResourceRequest limits, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(workingDirectory);
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        string image = TaskImage(requestedImage);
        await PullOnceAsync(image, cancellationToken).ConfigureAwait(false);
        var created = await _docker.Containers.CreateContainerAsync(
            ContainerFor(args, environment, workingDirectory, image, limits), cancellationToken).ConfigureAwait(false);
        await File.AppendAllTextAsync(logPath, $"devbox: {role} {workingDirectory} in a container of {image} ({created.ID[..12]})\n", CancellationToken.None).ConfigureAwait(false);
        return created.ID;
    }

    public async Task<int> StopOrphansAsync(string workRoot, CancellationToken cancellationToken)
    {
        // Every attempt's container is labelled with its working directory, which is under this devbox's work root.
        var labelled = await _docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [AttemptLabel] = true } },
        }, cancellationToken).ConfigureAwait(false);
        string prefix = Path.TrimEndingDirectorySeparator(workRoot) + Path.DirectorySeparatorChar;
        int stopped = 0;
        foreach (var container in labelled)
        {
            if (container.Labels.TryGetValue(AttemptLabel, out string? attempt) && attempt.StartsWith(prefix, StringComparison.Ordinal))
            {
                await _docker.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true }, cancellationToken).ConfigureAwait(false);
                stopped++;
            }
        }
        return stopped;
    }

    private const string AttemptLabel = "org.flyte.devbox.attempt";

    /// <summary>The task's image, or the default one when the task names none (or only the unrendered template).</summary>
    private string TaskImage(string image) =>
        string.IsNullOrWhiteSpace(image) || image.Contains("{{", StringComparison.Ordinal) ? _options.DefaultImage : image;

    private CreateContainerParameters ContainerFor(IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment, string workingDirectory, string image, ResourceRequest limits)
    {
        var binds = new List<string> { $"{workingDirectory}:{workingDirectory}" };
        binds.AddRange(_options.SharedDirectories.Select(directory => $"{directory}:{directory}"));
        var host = new HostConfig
        {
            NetworkMode = "host",
            Binds = binds,
        };
        if (limits.MemoryBytes > 0)
        {
            host.Memory = limits.MemoryBytes;
            host.MemorySwap = limits.MemoryBytes; // no swap beyond the limit: over it, the kernel kills
        }
        if (limits.MilliCpu > 0)
        {
            host.NanoCPUs = limits.MilliCpu * 1_000_000;
        }
        return new CreateContainerParameters
        {
            Image = image,
            Cmd = args.ToList(),
            Env = environment.Select(variable => $"{variable.Key}={variable.Value}").ToList(),
            WorkingDir = workingDirectory,
            // A worker's folder is under the work root too, so a devbox restarted after a crash stops it as an attempt's.
            Labels = new Dictionary<string, string> { [AttemptLabel] = workingDirectory },
            HostConfig = host,
        };
    }

    /// <summary>Pulls an image missing from the engine, once per image however many attempts ask at once.</summary>
    private async Task PullOnceAsync(string image, CancellationToken cancellationToken)
    {
        var pull = _pulls.GetOrAdd(image, key => new Lazy<Task>(() => PullIfMissingAsync(key)));
        try
        {
            await pull.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _pulls.TryRemove(new KeyValuePair<string, Lazy<Task>>(image, pull)); // the next attempt tries again
            throw new InvalidOperationException($"could not pull the task image {image}: {e.Message}", e);
        }
    }

    private async Task PullIfMissingAsync(string image)
    {
        try
        {
            await _docker.Images.InspectImageAsync(image).ConfigureAwait(false);
            return;
        }
        catch (DockerImageNotFoundException)
        {
        }
        var (repository, tag) = ImageReference.Split(image);
        await _docker.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = repository, Tag = tag }, null, new Progress<JSONMessage>()).ConfigureAwait(false);
    }

    private async Task CopyLogsAsync(string id, string logPath, CancellationToken cancellationToken)
    {
        var parameters = new ContainerLogsParameters { ShowStdout = true, ShowStderr = true, Follow = true };
        using var stream = await _docker.Containers.GetContainerLogsAsync(id, tty: false, parameters, cancellationToken).ConfigureAwait(false);
        await using var log = new FileStream(logPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        // Both streams into the one log, in the order they arrive, as the process launcher writes them.
        await stream.CopyOutputToAsync(Stream.Null, log, log, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _docker.Dispose();
}
