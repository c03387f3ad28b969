using Flyte.Generation;
using RunLayout = Flyte.Local.RunLayout;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Workflow;
using Grpc.Core;

namespace Flyte.Devbox.Tests.EndToEnd;

/// <summary>
/// RunService.WatchRuns, which keeps the console's runs list current: every later change of a run of the watched
/// project and domain, as its root action, and nothing of other domains.
/// </summary>
public sealed class WatchRunsTests : IAsyncLifetime
{
    private DevboxHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await DevboxHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_watch_sees_a_new_run_of_its_project_and_domain_through_to_its_end_and_no_other()
    {
        var tasks = await _harness.DeployAsync(SampleOutputs.Quickstart, "Quickstart", "quickstart.Square");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var watch = _harness.Runs.WatchRuns(new WatchRunsRequest
        {
            ProjectId = new ProjectIdentifier { Name = DevboxHarness.Project, Domain = DevboxHarness.Domain },
        }, cancellationToken: timeout.Token);
        // The stream is open once the server has its headers out; a run started before that could be missed.
        await watch.ResponseHeadersAsync;

        var staging = new RunIdentifier { Project = DevboxHarness.Project, Domain = "staging", Name = "elsewhere" };
        await _harness.Runs.CreateRunAsync(new CreateRunRequest
        {
            RunId = staging,
            TaskSpec = (await _harness.Tasks.GetTaskDetailsAsync(new Flyteidl2.Task.GetTaskDetailsRequest { TaskId = tasks["quickstart.Square"] })).Details.Spec,
            Inputs = RunLayout.ToInputs(new LiteralMap { Literals = { ["x"] = ScalarLiterals.FromInt64(2) } }),
        });
        var run = await _harness.StartRunAsync(tasks["quickstart.Square"], new LiteralMap { Literals = { ["x"] = ScalarLiterals.FromInt64(5) } });

        var phases = new List<ActionPhase>();
        while (await watch.ResponseStream.MoveNext(timeout.Token))
        {
            foreach (var seen in watch.ResponseStream.Current.Runs)
            {
                Assert.Equal(DevboxHarness.Domain, seen.Action.Id.Run.Domain);
                Assert.Equal(run.Name, seen.Action.Id.Run.Name);
                Assert.Equal("a0", seen.Action.Id.Name);
                Assert.Equal("quickstart.Square", seen.Action.Metadata.Task.Id.Name);
                phases.Add(seen.Action.Status.Phase);
            }
            if (phases.LastOrDefault() == ActionPhase.Succeeded)
            {
                break;
            }
        }
        Assert.Equal(ActionPhase.Queued, phases[0]);
        Assert.Contains(ActionPhase.Running, phases);
        Assert.Equal(ActionPhase.Succeeded, phases[^1]);
    }

    [Fact]
    public async Task A_watch_without_a_project_is_refused_with_what_to_pass()
    {
        using var watch = _harness.Runs.WatchRuns(new WatchRunsRequest { Org = "" });
        var refused = await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal("project_id is required: the devbox watches the runs of one project and domain", refused.Status.Detail);
    }
}
