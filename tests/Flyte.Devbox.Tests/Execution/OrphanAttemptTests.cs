using System.Diagnostics;
using Flyte.Devbox.Execution;

namespace Flyte.Devbox.Tests.Execution;

/// <summary>
/// An attempt a devbox process started and then left running when it died (kill -9) is found and stopped by the next
/// devbox on the same data folder before its action runs again, so that no action runs twice at once.
/// </summary>
public sealed class OrphanAttemptTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("devbox-orphans-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private LaunchRequest Request(string action) => new(
        Args: ["a0", "300"],
        Environment: new Dictionary<string, string>(),
        WorkingDirectory: Path.Combine(_data, "work", "p", "d", "r1", action, "0"),
        LogPath: Path.Combine(_data, "logs", action + ".log"),
        Image: "",
        Resources: new ResourceRequest(0, 0),
        Limits: new ResourceRequest(0, 0));

    [Fact]
    public async Task A_process_left_running_by_a_dead_devbox_is_stopped_and_only_that_process()
    {
        // `sleep 300` stands in for a0: the first devbox's launcher starts it and is never told to stop it, as when it dies.
        var abandoned = new ProcessLauncher(["sleep"]);
        var running = abandoned.RunAsync(Request("a0"), CancellationToken.None);
        string marker = Path.Combine(_data, "work", "p", "d", "r1", "a0", "0.running");
        await Until.TrueAsync(() => File.Exists(marker) && new FileInfo(marker).Length > 0, "the attempt's marker");
        int pid = int.Parse(File.ReadAllText(marker).Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        using var bystander = Process.Start("sleep", "300");

        int stopped = await new ProcessLauncher(["sleep"]).StopOrphansAsync(Path.Combine(_data, "work"), CancellationToken.None);

        Assert.Equal(1, stopped);
        var result = await running.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotEqual(0, result.ExitCode);
        Assert.Throws<ArgumentException>(() => Process.GetProcessById(pid));
        Assert.False(File.Exists(marker));
        Assert.False(bystander.HasExited);
        bystander.Kill();
    }

    [Fact]
    public async Task A_marker_whose_process_id_was_reused_by_another_process_stops_nothing()
    {
        using var other = Process.Start("sleep", "300");
        string marker = Path.Combine(_data, "work", "p", "d", "r1", "a0", "0.running");
        Directory.CreateDirectory(Path.GetDirectoryName(marker)!);
        // The same id, but a start time that is not the process's own: the marker's process ended and the id was reused.
        await File.WriteAllTextAsync(marker, $"{other.Id} {other.StartTime.ToUniversalTime().Ticks - TimeSpan.TicksPerSecond}");

        int stopped = await new ProcessLauncher(["sleep"]).StopOrphansAsync(Path.Combine(_data, "work"), CancellationToken.None);

        Assert.Equal(0, stopped);
        Assert.False(other.HasExited);
        Assert.False(File.Exists(marker));
        other.Kill();
    }

    [Fact]
    public async Task A_finished_attempt_leaves_no_marker()
    {
        var result = await new ProcessLauncher(["true"]).RunAsync(Request("a1"), CancellationToken.None);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_data, "work"), "*.running", SearchOption.AllDirectories));
    }
}
