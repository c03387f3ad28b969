namespace Flyte.Images.Tests.Containers;

/// <summary>
/// The lock the container tests take turns on (and the test builds and npm installs): held, it keeps out another holder
/// in this process and another process; released, the next holder gets it; a wait past its bound fails saying so.
/// </summary>
public sealed class FileLockTests : IDisposable
{
    private readonly string _lockPath = FileLock.MachineWide("file-lock-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => File.Delete(_lockPath);

    [Fact]
    public async Task A_held_lock_keeps_out_a_second_holder_until_released()
    {
        var first = await FileLock.AcquireAsync(_lockPath, TimeSpan.FromSeconds(60), "the test lock");
        var second = FileLock.AcquireAsync(_lockPath, TimeSpan.FromSeconds(60), "the test lock");
        await Task.Delay(500);
        Assert.False(second.IsCompleted, "a second holder got the lock while the first held it");

        first.Dispose();

        using var taken = await second.WaitAsync(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Another_process_sees_the_lock_taken_and_then_free()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Fail("flock(1) is a Linux tool; on Windows the lock is a sharing violation, which this test does not cover");
        }
        var noWait = new Dictionary<string, string?>();

        using (await FileLock.AcquireAsync(_lockPath, TimeSpan.FromSeconds(60), "the test lock"))
        {
            var whileHeld = ChildProcess.Run("flock", ["--nonblock", _lockPath, "true"], noWait, TimeSpan.FromSeconds(60));
            Assert.True(whileHeld.ExitCode == 1, $"flock got the lock the test held (exit {whileHeld.ExitCode}): {whileHeld.Output}");
        }
        var afterwards = ChildProcess.Run("flock", ["--nonblock", _lockPath, "true"], noWait, TimeSpan.FromSeconds(60));
        Assert.True(afterwards.ExitCode == 0, $"flock could not take the released lock (exit {afterwards.ExitCode}): {afterwards.Output}");
    }

    [Fact]
    public async Task A_wait_past_its_bound_fails_naming_what_it_waited_for_and_how_long()
    {
        using var held = await FileLock.AcquireAsync(_lockPath, TimeSpan.FromSeconds(60), "the test lock");

        var error = await Assert.ThrowsAsync<TimeoutException>(() => FileLock.AcquireAsync(_lockPath, TimeSpan.FromSeconds(1), "the engine of this test"));

        Assert.Contains("(the bound) for the engine of this test", error.Message);
        Assert.Contains(_lockPath, error.Message);
    }
}
