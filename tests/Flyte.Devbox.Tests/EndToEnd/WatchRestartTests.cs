using Flyte.Generation;
using Flyte.Remote;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Workflow;
using Action = Flyteidl2.Workflow.Action;

namespace Flyte.Devbox.Tests.EndToEnd;

/// <summary>The SDK's watches while the devbox goes away: they reconnect and resume, or give up with one clear line.</summary>
public sealed class WatchRestartTests : IAsyncLifetime
{
    private const string Assembly = "Flyte.Devbox.Tests.Tasks";

    private DevboxHarness _harness = null!;
    private Dictionary<string, Flyteidl2.Task.TaskIdentifier> _tasks = null!;

    public async Task InitializeAsync()
    {
        _harness = await DevboxHarness.StartAsync();
        _tasks = await _harness.DeployAsync(SampleOutputs.DevboxTestTasks, Assembly, "slow.Sleep", "slow.Nap", "slow.Naps");
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private FlyteRemote Connect(TimeSpan? patience = null) => FlyteRemote.Connect(new RemoteOptions
    {
        Endpoint = _harness.Devbox.Endpoint,
        Project = DevboxHarness.Project,
        Domain = DevboxHarness.Domain,
        WatchPatience = patience ?? WatchReconnects.DefaultPatience,
    });

    private static LiteralMap Inputs(params (string Name, long Value)[] inputs)
    {
        var map = new LiteralMap();
        foreach (var (name, value) in inputs)
        {
            map.Literals[name] = ScalarLiterals.FromInt64(value);
        }
        return map;
    }

    /// <summary>Collects what a progress reporter is told, in order, without the thread hop of <see cref="Progress{T}"/>.</summary>
    private sealed class Reports<T> : IProgress<T>
    {
        public List<T> Items { get; } = [];

        public void Report(T value)
        {
            lock (Items)
            {
                Items.Add(value);
            }
        }
    }

    [Fact]
    public async Task Waiting_and_watching_actions_resume_across_a_restart_and_report_each_state_once()
    {
        using var remote = Connect();
        var runId = await _harness.StartRunAsync(_tasks["slow.Naps"], Inputs(("count", 6), ("milliseconds", 800)));
        var run = remote.GetRun(runId.Name);
        var reports = new Reports<RunDetails>();
        var watched = new List<Action>();
        var waiting = run.WaitAsync(reports);
        var watching = Task.Run(async () =>
        {
            await foreach (var action in run.WatchActionsAsync())
            {
                watched.Add(action);
            }
        });
        await Until.TrueAsync(async () => (await run.ListActionsAsync()).Count(a => a.Id.Name != "a0" && a.Status.Phase == ActionPhase.Succeeded) >= 2,
            "two children to finish");

        int port = _harness.Port;
        await _harness.StopDevboxAsync();
        await Task.Delay(500);
        await _harness.StartDevboxAsync(port: port);
        var details = await waiting;
        await watching;

        Assert.True(details.Action.Status.Phase == ActionPhase.Succeeded, details.Action.ErrorInfo?.Message);
        Assert.Single(reports.Items, r => PhaseNames.IsTerminal(r.Action.Status.Phase));
        Assert.Same(details, reports.Items[^1]);
        Assert.All(reports.Items.Zip(reports.Items.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second));

        Assert.Single(watched, a => a.Id.Name == "a0" && PhaseNames.IsTerminal(a.Status.Phase));
        foreach (var states in watched.GroupBy(a => a.Id.Name))
        {
            var list = states.ToList();
            Assert.All(list.Zip(list.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second));
            Assert.Single(list, a => PhaseNames.IsTerminal(a.Status.Phase));
        }
        Assert.Equal(7, watched.Select(a => a.Id.Name).Distinct().Count());
    }

    [Fact]
    public async Task A_watch_whose_control_plane_never_returns_gives_up_with_one_line_naming_the_endpoint_and_the_last_error()
    {
        using var remote = Connect(patience: TimeSpan.FromSeconds(2));
        var runId = await _harness.StartRunAsync(_tasks["slow.Sleep"], Inputs(("seconds", 120)));
        var run = remote.GetRun(runId.Name);
        await Until.TrueAsync(async () => (await run.GetDetailsAsync()).Action.Status.Phase == ActionPhase.Running, "the task to start running");
        var waiting = run.WaitAsync();
        int port = _harness.Port;

        await _harness.StopDevboxAsync();
        var lost = await Assert.ThrowsAsync<WatchLostException>(() => waiting);

        Assert.Contains($"the watch of run {runId.Name}", lost.Message);
        Assert.Contains(remote.Options.Endpoint, lost.Message);
        // A devbox shutting down cancels the streams still open, then refuses connections: either is the last error.
        Assert.Matches("; last error: (Cancelled|Unavailable): ", lost.Message);
        Assert.DoesNotContain('\n', lost.Message);

        // Back again, for the run to be aborted (through the harness's new channel: the remote's may still be backing off
        // from the refused connections) and the harness to stop as usual.
        await _harness.StartDevboxAsync(port: port);
        await _harness.Runs.AbortRunAsync(new AbortRunRequest { RunId = runId, Reason = "test" });
    }
}
