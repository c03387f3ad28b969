using System.Text.RegularExpressions;
using Flyte.Cli.Tests.Infrastructure;
using Flyteidl2.Common;
using Flyteidl2.Workflow;
using Grpc.Net.Client;

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
        await TwoChildrenSucceededAsync(runName);
        await devbox.RestartAsync();
        var result = await following;

        Assert.True(result.ExitCode == 0, result.ToString());
        // The progress line of the run's end (no duration), once; the tree after it has the duration.
        Assert.Single(Regex.Matches(result.Out, @"(?m)^a0 slow\.Naps SUCCEEDED\r?$"));
        Assert.Single(Regex.Matches(result.Out, @"(?m)^a0 slow\.Naps SUCCEEDED \d"));
        Assert.Contains("  o0: 150", result.Out);
    }

    private async Task TwoChildrenSucceededAsync(string runName)
    {
        using var channel = GrpcChannel.ForAddress(devbox.Devbox.Endpoint);
        var runs = new RunService.RunServiceClient(channel);
        var run = new RunIdentifier { Project = "flytesnacks", Domain = "development", Name = runName };
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            try
            {
                var actions = (await runs.ListActionsAsync(new ListActionsRequest { RunId = run })).Actions;
                if (actions.Count(a => a.Id.Name != "a0" && a.Status.Phase == ActionPhase.Succeeded) >= 2)
                {
                    return;
                }
            }
            catch (Grpc.Core.RpcException e) when (e.StatusCode == Grpc.Core.StatusCode.NotFound)
            {
                // flyte run is still building or deploying; the run does not exist yet.
            }
            Assert.True(DateTime.UtcNow < deadline, "two children of the run did not finish");
            await Task.Delay(50);
        }
    }
}
