using Docker.DotNet;
using Docker.DotNet.Models;
using Flyte.Devbox.Execution;
using Flyte.Images;
using Task = System.Threading.Tasks.Task;

namespace Flyte.Devbox.Tests.Containers;

/// <summary>
/// A container a devbox process started and left running when it died is removed by the next devbox on the same data
/// folder before its action runs again; containers of another data folder are left alone.
/// </summary>
[Collection(nameof(ContainerTestCollection))]
public sealed class DockerOrphanTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("devbox-docker-orphans-").FullName;
    private readonly string _other = Directory.CreateTempSubdirectory("devbox-docker-other-").FullName;
    private readonly DockerClient _docker = new DockerClientConfiguration(DockerEngine.DefaultAddress()).CreateClient();
    private FileLock? _turn;

    public async Task InitializeAsync() => _turn = await ContainerServices.TakeTurnAsync();

    public async Task DisposeAsync()
    {
        // Whatever a failed test left behind.
        using var cleanup = Launcher();
        await cleanup.StopOrphansAsync(Path.Combine(_other, "work"), CancellationToken.None);
        await cleanup.StopOrphansAsync(Path.Combine(_data, "work"), CancellationToken.None);
        _docker.Dispose();
        Directory.Delete(_data, recursive: true);
        Directory.Delete(_other, recursive: true);
        _turn?.Dispose();
    }

    private static DockerLauncher Launcher() => new(new DockerLauncherOptions { DefaultImage = ContainerServices.BaseImage });

    private static LaunchRequest Sleeping(string data) => new(
        Args: ["sleep", "300"],
        Environment: new Dictionary<string, string>(),
        WorkingDirectory: Path.Combine(data, "work", "p", "d", "r1", "a0", "0"),
        LogPath: Path.Combine(data, "logs", "a0.log"),
        Image: ContainerServices.BaseImage,
        Resources: new ResourceRequest(0, 0),
        Limits: new ResourceRequest(0, 0));

    [Fact]
    public async Task A_container_left_running_by_a_dead_devbox_is_removed_and_only_that_one()
    {
        // The first devbox's launchers start the containers and are never told to stop them, as when it dies.
        using var abandoned = Launcher();
        var orphan = abandoned.RunAsync(Sleeping(_data), CancellationToken.None);
        var bystander = abandoned.RunAsync(Sleeping(_other), CancellationToken.None);
        await WaitForRunningAsync(Path.Combine(_data, "work"));
        await WaitForRunningAsync(Path.Combine(_other, "work"));

        using var restarted = Launcher();
        int stopped = await restarted.StopOrphansAsync(Path.Combine(_data, "work"), CancellationToken.None);

        Assert.Equal(1, stopped);
        Assert.Empty(await ContainersUnderAsync(Path.Combine(_data, "work")));
        Assert.Single(await ContainersUnderAsync(Path.Combine(_other, "work")));
        // The abandoned launcher's own wait ends with its container gone (it may fail to remove it a second time).
        await Task.WhenAny(orphan, Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.True(orphan.IsCompleted, "the orphan's wait did not end after its container was removed");
        Assert.Equal(1, await restarted.StopOrphansAsync(Path.Combine(_other, "work"), CancellationToken.None));
        await Task.WhenAny(bystander, Task.Delay(TimeSpan.FromSeconds(30)));
    }

    private async Task<IList<ContainerListResponse>> ContainersUnderAsync(string workRoot)
    {
        var all = await _docker.Containers.ListContainersAsync(new ContainersListParameters { All = true });
        return all.Where(c => c.Labels.TryGetValue("org.flyte.devbox.attempt", out string? attempt) && attempt.StartsWith(workRoot + "/", StringComparison.Ordinal)).ToList();
    }

    private async Task WaitForRunningAsync(string workRoot)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(await ContainersUnderAsync(workRoot)).Any(c => c.State == "running"))
        {
            Assert.True(DateTime.UtcNow < deadline, $"no container under {workRoot} ran within 60 s");
            await Task.Delay(100);
        }
    }
}
