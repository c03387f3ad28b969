using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Flyte.Devbox.Tests.EndToEnd;
using Flyte.Generation;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Task;
using Flyteidl2.Workflow;
using Google.Protobuf.WellKnownTypes;
using Task = System.Threading.Tasks.Task;

namespace Flyte.Devbox.Tests.Workers;

/// <summary>
/// A reusable environment's actions on a real devbox with real <c>a0 worker</c> processes (docs/workers.md): one worker
/// runs them one after another, with its static state shared; it runs no more at once than its concurrency; an idle
/// one stops after its TTL; one that is killed has its action retried on a fresh one; an abort or a timeout cancels the
/// action inside the worker, which lives on.
/// </summary>
public sealed partial class ReusableWorkerTests : IAsyncLifetime
{
    private const string Assembly = "Flyte.Devbox.Tests.Tasks";

    private DevboxHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await DevboxHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Actions_run_one_after_another_in_one_worker_process_with_their_own_logs()
    {
        var task = await DeployAsync("warm.ProcessId");

        var pids = new List<long>();
        var runs = new List<RunIdentifier>();
        for (int i = 0; i < 3; i++)
        {
            var run = await RunAsync(task, "x", i);
            runs.Add(run);
            pids.Add(await IntOutputAsync(run));
        }

        Assert.Single(pids.Distinct());
        Assert.NotEqual(System.Environment.ProcessId, pids[0]);
        Assert.True(IsRunning(pids[0]), "the worker stopped after its actions, though its environment keeps one worker (MinReplicas = 1) until it has been idle for 30 s");
        for (int i = 0; i < runs.Count; i++)
        {
            string log = AttemptLog(runs[i], 0);
            Assert.Contains($"warm.ProcessId {i} in process {pids[0]}", log);
            Assert.Contains("a0: warm.ProcessId succeeded", log);
            Assert.Equal(pids[0], WorkerPid(log));
        }
    }

    [Fact]
    public async Task Static_state_is_shared_by_the_actions_a_worker_runs()
    {
        var task = await DeployAsync("warm.Calls");

        long first = await IntOutputAsync(await RunAsync(task, "x", 1));
        long second = await IntOutputAsync(await RunAsync(task, "x", 2));

        Assert.Equal(1, first);
        Assert.Equal(2, second);
    }

    [Fact]
    public async Task A_worker_runs_no_more_actions_at_once_than_its_concurrency()
    {
        // One worker of two slots; two actions wait for each other, three do not: were the slots not kept, all five would
        // run side by side.
        var task = await DeployAsync("warm-pair.Overlap");
        var waits = new[] { true, true, false, false, false };

        var runs = await Task.WhenAll(waits.Select(wait => StartAsync(task, "waitForPartner", wait)));
        var details = await Task.WhenAll(runs.Select(run => _harness.WaitAsync(run)));

        Assert.All(details, d => Assert.True(d.Action.Status.Phase == ActionPhase.Succeeded, d.Action.ErrorInfo?.Message));
        var mostAtOnce = await Task.WhenAll(runs.Select(IntOutputAsync));
        Assert.Equal(2, mostAtOnce.Max());
        Assert.Single(runs.Select(run => WorkerPid(AttemptLog(run, 0))).Distinct());
    }

    [Fact]
    public async Task An_idle_worker_stops_after_the_idle_TTL_and_the_next_action_starts_a_fresh_one()
    {
        // flyte-sdk refuses TTLs under 30 s; the devbox honours what the wire says, so the test shortens them there.
        var task = await DeployAsync("warm.ProcessId", spec =>
        {
            var pool = spec.TaskTemplate.Custom.Fields["spec"].StructValue.Fields;
            pool["ttl_seconds"] = Value.ForNumber(1);
            pool["scaledown_ttl_seconds"] = Value.ForNumber(1);
        });

        long first = await IntOutputAsync(await RunAsync(task, "x", 1));
        await Until.TrueAsync(() => !IsRunning(first), $"worker process {first} to stop once idle for 1 s");
        long second = await IntOutputAsync(await RunAsync(task, "x", 2));

        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task A_worker_killed_during_an_action_has_the_action_retried_on_a_fresh_worker()
    {
        var task = await DeployAsync("warm.NapThenProcessId");
        var run = await StartAsync(task, "milliseconds", 3_000);
        long killed = 0;
        await Until.TrueAsync(() => (killed = WorkerPid(AttemptLog(run, 0, mayBeMissing: true)) ?? 0) > 0, "the first attempt to reach its worker");

        using (var worker = Process.GetProcessById((int)killed))
        {
            worker.Kill();
        }
        var details = await _harness.WaitAsync(run);

        Assert.True(details.Action.Status.Phase == ActionPhase.Succeeded, details.Action.ErrorInfo?.Message);
        Assert.Equal(2u, details.Action.Status.Attempts);
        long survivor = await IntOutputAsync(run);
        Assert.NotEqual(killed, survivor);
        Assert.Equal(survivor, WorkerPid(AttemptLog(run, 1)));
        var first = (await _harness.Runs.GetActionDetailsAsync(new GetActionDetailsRequest { ActionId = Root(run) })).Details.Attempts[0];
        Assert.Equal(ErrorInfo.Types.Kind.System, first.ErrorInfo.Kind);
        Assert.StartsWith("WorkerLost: ", first.ErrorInfo.Message);
    }

    [Fact]
    public async Task An_abort_cancels_the_action_inside_the_worker_which_runs_the_next_one()
    {
        var tasks = await _harness.DeployAsync(SampleOutputs.DevboxTestTasks, Assembly, "warm.SleepUntilCancelled", "warm.ProcessId");
        var run = await StartAsync(tasks["warm.SleepUntilCancelled"], "seconds", 600);
        await Until.TrueAsync(() => AttemptLog(run, 0, mayBeMissing: true).Contains("warm.SleepUntilCancelled: sleeping", StringComparison.Ordinal), "the task to start sleeping in its worker");
        long worker = WorkerPid(AttemptLog(run, 0))!.Value;

        await _harness.Runs.AbortRunAsync(new AbortRunRequest { RunId = run, Reason = "test" });
        var details = await _harness.WaitAsync(run);

        Assert.Equal(ActionPhase.Aborted, details.Action.Status.Phase);
        Assert.Contains("warm.SleepUntilCancelled: cancelled", AttemptLog(run, 0));
        Assert.Equal(worker, await IntOutputAsync(await RunAsync(tasks["warm.ProcessId"], "x", 1)));
    }

    [Fact]
    public async Task A_timeout_cancels_the_action_inside_the_worker_which_lives_on()
    {
        var tasks = await _harness.DeployAsync(SampleOutputs.DevboxTestTasks, Assembly, "warm.OverstayTimeout", "warm.ProcessId");
        var run = await StartAsync(tasks["warm.OverstayTimeout"], "seconds", 600);

        var details = await _harness.WaitAsync(run);

        Assert.Equal(ActionPhase.TimedOut, details.Action.Status.Phase);
        long worker = WorkerPid(AttemptLog(run, 0))!.Value;
        Assert.True(IsRunning(worker), $"worker process {worker} was stopped with the action that timed out");
        Assert.Equal(worker, await IntOutputAsync(await RunAsync(tasks["warm.ProcessId"], "x", 1)));
    }

    private async Task<TaskIdentifier> DeployAsync(string name, Action<TaskSpec>? change = null) =>
        (await _harness.DeployChangedAsync(SampleOutputs.DevboxTestTasks, Assembly, change ?? (_ => { }), name))[name];

    private Task<RunIdentifier> StartAsync(TaskIdentifier task, string input, long value) =>
        _harness.StartRunAsync(task, new LiteralMap { Literals = { [input] = ScalarLiterals.FromInt64(value) } });

    private Task<RunIdentifier> StartAsync(TaskIdentifier task, string input, bool value) =>
        _harness.StartRunAsync(task, new LiteralMap { Literals = { [input] = ScalarLiterals.FromBoolean(value) } });

    /// <summary>Starts a run and waits for it to succeed.</summary>
    private async Task<RunIdentifier> RunAsync(TaskIdentifier task, string input, long value)
    {
        var run = await StartAsync(task, input, value);
        var details = await _harness.WaitAsync(run);
        Assert.True(details.Action.Status.Phase == ActionPhase.Succeeded, $"{run.Name}: {details.Action.Status.Phase} {details.Action.ErrorInfo?.Message}");
        return run;
    }

    private async Task<long> IntOutputAsync(RunIdentifier run) => (await _harness.OutputsAsync(run)).Literals["o0"].Scalar.Primitive.Integer;

    private static ActionIdentifier Root(RunIdentifier run) => new() { Run = run, Name = "a0" };

    private string AttemptLog(RunIdentifier run, int attempt, bool mayBeMissing = false)
    {
        string path = Path.Combine(_harness.DataDirectory, "logs", run.Project, run.Domain, run.Name, "a0", attempt.ToString(CultureInfo.InvariantCulture) + ".log");
        return mayBeMissing && !File.Exists(path) ? "" : File.ReadAllText(path);
    }

    /// <summary>The worker process an attempt ran on, from the line the devbox writes first in its log.</summary>
    private static long? WorkerPid(string log) =>
        WorkerLine().Match(log) is { Success: true } match ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    [GeneratedRegex(@"devbox: attempt \S+ on worker \S+ \(process \d+, pid (\d+)\)")]
    private static partial Regex WorkerLine();

    private static bool IsRunning(long pid)
    {
        try
        {
            using var process = Process.GetProcessById((int)pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
