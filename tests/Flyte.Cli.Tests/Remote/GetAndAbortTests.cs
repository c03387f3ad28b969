using System.Text.RegularExpressions;
using Flyte.Cli.Tests.Infrastructure;
using Flyteidl2.Actions;
using Flyteidl2.Common;
using Flyteidl2.Workflow;
using Google.Protobuf.WellKnownTypes;
using Grpc.Net.Client;

namespace Flyte.Cli.Tests.Remote;

/// <summary><c>flyte get runs | run | actions | logs</c> and <c>flyte abort run</c> against a devbox.</summary>
public sealed class GetAndAbortTests(DevboxFixture devbox) : IClassFixture<DevboxFixture>, IAsyncLifetime
{
    private static string SlowTasks => Path.Combine(SampleOutputs.DevboxTestTasks, "Flyte.Devbox.Tests.Tasks.dll");

    public Task InitializeAsync() => devbox.DeployOnceAsync(TaskAssemblies.Quickstart);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Get_runs_lists_runs_newest_first_with_task_and_phase()
    {
        string older = await RunToEndAsync("quickstart.Square", "--x", "4");
        string newer = await RunToEndAsync("quickstart.MeanOfSquares", "--n", "1");

        var result = await devbox.RunAsync("get", "runs");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Out.TrimEnd().Split('\n');
        Assert.Matches(@"^NAME\s+TASK\s+PHASE\s+STARTED\s+DURATION$", lines[0]);
        Assert.Matches($@"^{older}\s+quickstart\.Square\s+SUCCEEDED\s+\d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d\s+\d+\.\ds$", lines.Single(l => l.StartsWith(older, StringComparison.Ordinal)));
        Assert.Matches($@"^{newer}\s+quickstart\.MeanOfSquares\s+SUCCEEDED\s", lines.Single(l => l.StartsWith(newer, StringComparison.Ordinal)));
        Assert.True(Array.FindIndex(lines, l => l.StartsWith(newer, StringComparison.Ordinal)) < Array.FindIndex(lines, l => l.StartsWith(older, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Get_actions_shows_the_root_and_its_children_under_it()
    {
        string run = await RunToEndAsync("quickstart.MeanOfSquares", "--n", "3");

        var result = await devbox.RunAsync("get", "actions", run);

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Out.TrimEnd().Split('\n');
        Assert.Matches(@"^NAME\s+TASK\s+PARENT\s+GROUP\s+PHASE\s+ATTEMPTS$", lines[0]);
        Assert.Matches(@"^a0\s+quickstart\.MeanOfSquares\s+-\s+-\s+SUCCEEDED\s+1$", lines[1]);
        Assert.True(lines.Length == 5 && lines.Skip(2).All(l => Regex.IsMatch(l, @"^  \S+\s+quickstart\.Square\s+a0\s+-\s+SUCCEEDED\s+[01]$")), result.Out);
    }

    [Fact]
    public async Task A_run_with_a_group_shows_it_in_the_report_and_in_get_actions()
    {
        await devbox.TrainingReadyAsync();
        string name = "g-" + Guid.NewGuid().ToString("N")[..10];

        var run = await devbox.RunAsync("run", "--name", name, TaskAssemblies.Training, "training.CrossValidate", "--folds", "3");
        var actions = await devbox.RunAsync("get", "actions", name);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("  [group folds] 3 actions\n", run.Out.Replace("\r\n", "\n"));
        Assert.True(actions.ExitCode == 0, actions.ToString());
        var lines = actions.Out.TrimEnd().Split('\n');
        Assert.Single(lines, l => Regex.IsMatch(l, @"^  \S+\s+training\.LoadPoints\s+a0\s+-\s+SUCCEEDED\s+1$"));
        Assert.Equal(3, lines.Count(l => Regex.IsMatch(l, @"^  \S+\s+training\.TrainFold\s+a0\s+folds\s+SUCCEEDED\s+1$")));
        Assert.Equal(3, lines.Count(l => Regex.IsMatch(l, @"^    \S+\s+FitSlope \(trace\)\s+\S+\s+-\s+SUCCEEDED\s+1$")));
    }

    [Fact]
    public async Task Get_actions_shows_a_trace_by_its_function_name_marked_trace_under_its_parent()
    {
        await devbox.DeployOnceAsync(SlowTasks);
        string name = "trace-" + Guid.NewGuid().ToString("N")[..8];
        var started = await devbox.RunAsync("run", "--name", name, SlowTasks, "slow.Sleep", "--seconds", "300", "--no-wait");
        Assert.True(started.ExitCode == 0, started.ToString());
        var run = new RunIdentifier { Project = "flytesnacks", Domain = "development", Name = name };
        using var channel = GrpcChannel.ForAddress(devbox.Devbox.Endpoint);
        var runs = new RunService.RunServiceClient(channel);
        for (var deadline = DateTime.UtcNow.AddMinutes(2); (await runs.GetActionDetailsAsync(new GetActionDetailsRequest { ActionId = new ActionIdentifier { Run = run, Name = "a0" } }))
            .Details.Status.Phase != ActionPhase.Running; await Task.Delay(50))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the parent of run {name} did not start running");
        }
        string runBase = devbox.Devbox.Storage.RunBase(new Flyte.Devbox.State.RunKey("", run.Project, run.Domain, run.Name));
        // A trace as flyte-sdk records it (_internal/controllers/remote/_action.py, Action.from_trace; enqueued by
        // _core.py _bg_launch): already ended, under the task action that ran the function.
        await new ActionsService.ActionsServiceClient(channel).EnqueueAsync(new EnqueueRequest
        {
            Action = new Flyteidl2.Actions.Action
            {
                ActionId = new ActionIdentifier { Run = run, Name = "t-fetch" },
                ParentActionName = "a0",
                InputUri = $"{runBase}/t-fetch/inputs.pb",
                RunOutputBase = runBase,
                Trace = new TraceAction
                {
                    Name = "fetch_data",
                    Phase = ActionPhase.Succeeded,
                    StartTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddSeconds(-2)),
                    EndTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
                    Outputs = new Flyteidl2.Task.OutputReferences { OutputUri = "" },
                },
            },
        });

        var result = await devbox.RunAsync("get", "actions", name);
        await devbox.RunAsync("abort", "run", name);

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Out.TrimEnd().Split('\n');
        Assert.Matches(@"^NAME\s+TASK\s+PARENT\s+GROUP\s+PHASE\s+ATTEMPTS$", lines[0]);
        Assert.Matches(@"^a0\s+slow\.Sleep\s+-\s+-\s+RUNNING\s+1$", lines[1]);
        Assert.Matches(@"^  t-fetch\s+fetch_data \(trace\)\s+a0\s+-\s+SUCCEEDED\s+1$", lines[2]);
        Assert.Equal(3, lines.Length);
    }

    [Fact]
    public async Task Get_report_saves_the_report_an_attempt_wrote_and_says_when_there_is_none()
    {
        await devbox.TrainingReadyAsync();
        string name = "rep-" + Guid.NewGuid().ToString("N")[..10];
        var run = await devbox.RunAsync("run", "--name", name, TaskAssemblies.Training, "training.CrossValidate", "--folds", "2");
        Assert.True(run.ExitCode == 0, run.ToString());
        using var scratch = new TemporaryDirectory();
        string file = Path.Combine(scratch.Path, "report.html");

        var saved = await devbox.RunAsync("get", "report", name, "--output", file);
        var actions = await devbox.RunAsync("get", "actions", name);
        string fold = actions.Out.Split('\n').Select(l => l.Trim()).First(l => l.Contains("training.TrainFold", StringComparison.Ordinal)).Split(' ')[0];
        var none = await devbox.RunAsync("get", "report", name, fold);

        Assert.True(saved.ExitCode == 0, saved.ToString());
        Assert.Equal(file, saved.Out.Trim());
        Assert.Contains("<title>Error by fold</title>", await File.ReadAllTextAsync(file));
        Assert.Equal(2, none.ExitCode);
        Assert.Equal($"flyte: action {fold} of run {name} wrote no report in attempt 0; a task writes one through ITaskContext.Report", none.Error.Trim());
    }

    [Fact]
    public async Task Get_run_of_a_run_that_does_not_exist_says_so()
    {
        var result = await devbox.RunAsync("get", "run", "no-such-run");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("flyte: run no-such-run does not exist in flytesnacks/development", result.Error.Trim());
    }

    [Fact]
    public async Task Abort_stops_a_running_run_and_a_second_abort_has_nothing_to_do()
    {
        await devbox.DeployOnceAsync(SlowTasks);
        string name = "abort-" + Guid.NewGuid().ToString("N")[..8];
        var started = await devbox.RunAsync("run", "--name", name, SlowTasks, "slow.Sleep", "--seconds", "300", "--no-wait");
        Assert.True(started.ExitCode == 0, started.ToString());

        var abort = await devbox.RunAsync("abort", "run", name, "--reason", "test is done with it");
        var shown = await devbox.RunAsync("get", "run", name);
        var again = await devbox.RunAsync("abort", "run", name);

        Assert.True(abort.ExitCode == 0, abort.ToString());
        Assert.Equal($"run {name} ABORTED", abort.Out.Trim());
        Assert.Contains("Phase     ABORTED", shown.Out);
        Assert.DoesNotContain("Outputs:", shown.Out);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal($"run {name} already ended ABORTED; nothing to abort", again.Out.Trim());
    }

    [Fact]
    public async Task Get_logs_prints_what_the_attempt_wrote()
    {
        string run = await RunToEndAsync("quickstart.Square", "--x", "5");

        var logs = await devbox.RunAsync("get", "logs", run);
        var noSuchAttempt = await devbox.RunAsync("get", "logs", run, "a0", "--attempt", "7");

        Assert.True(logs.ExitCode == 0, logs.ToString());
        Assert.NotEqual("", logs.Out.Trim());
        Assert.Equal(2, noSuchAttempt.ExitCode);
        Assert.Matches($@"^flyte: action a0 of run {run} has no attempt 7; its attempts: \d+$", noSuchAttempt.Error.Trim());
    }

    /// <summary>Starts a run of a Quickstart task, waits for it to succeed, and returns its name.</summary>
    private async Task<string> RunToEndAsync(string task, params string[] inputs)
    {
        string name = "r-" + Guid.NewGuid().ToString("N")[..10];
        var result = await devbox.RunAsync(["run", "--name", name, TaskAssemblies.Quickstart, task, .. inputs, "--json"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return name;
    }
}
