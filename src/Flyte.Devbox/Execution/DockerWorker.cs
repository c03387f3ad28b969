using Docker.DotNet;
using Docker.DotNet.Models;
using Flyte.Devbox.Execution.Workers;

namespace Flyte.Devbox.Execution;

/// <summary>A reusable environment's worker in a container the <see cref="DockerLauncher"/> started; removed once it ends.</summary>
internal sealed class DockerWorker : LaunchedWorker
{
    private readonly DockerClient _docker;
    private readonly string _id;

    public DockerWorker(DockerClient docker, string id, Task logs)
    {
        _docker = docker;
        _id = id;
        Exited = WaitAsync(logs);
    }

    public override string Description => $"container {_id[..12]}";

    public override Task<int> Exited { get; }

    public override async Task KillAsync()
    {
        try
        {
            await _docker.Containers.KillContainerAsync(_id, new ContainerKillParameters(), CancellationToken.None).ConfigureAwait(false);
        }
        catch (DockerApiException)
        {
            // It has ended (or is being removed) already.
        }
        await Exited.ConfigureAwait(false);
    }

    private async Task<int> WaitAsync(Task logs)
    {
        try
        {
            var exit = await _docker.Containers.WaitContainerAsync(_id, CancellationToken.None).ConfigureAwait(false);
            await logs.ConfigureAwait(false);
            return (int)exit.StatusCode;
        }
        finally
        {
            await _docker.Containers.RemoveContainerAsync(_id, new ContainerRemoveParameters { Force = true }, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
