using System.Text.RegularExpressions;
using Flyte.Cli.Tests.Infrastructure;

namespace Flyte.Cli.Tests.Remote;

/// <summary><c>flyte run</c> following a run while the devbox restarts under it.</summary>
public sealed class FollowAcrossRestartTests(DevboxFixture devbox) : IClassFixture<DevboxFixture>
{
    private static string SlowTasks => Path.Combine(SampleOutputs.DevboxTestTasks, "Flyte.Devbox.Tests.Tasks.dll");

    [Fact]
    public async Task Following_a_run_rides_out_a_devbox_restart_and_prints_the_end_once()
    {
        await devbox.DeployOnceAsync(SlowTasks);
        string runName = "follow-restart";

        var following = devbox.RunAsync("run", "--name", runName, SlowTasks, "slow.Naps", "--count", "6", "--milliseconds", "800");
        await devbox.WaitForSucceededChildrenAsync(runName, 2);
        await devbox.RestartAsync();
        var result = await following;

        Assert.True(result.ExitCode == 0, result.ToString());
        // The progress line of the run's end (no duration), once; the tree after it has the duration.
        Assert.Single(Regex.Matches(result.Out, @"(?m)^a0 slow\.Naps SUCCEEDED\r?$"));
        Assert.Single(Regex.Matches(result.Out, @"(?m)^a0 slow\.Naps SUCCEEDED \d"));
        Assert.Contains("  o0: 150", result.Out);
    }
}
