using Flyte.Local;
using Flyte.Sdk.Tests.Tasks;
using Flyteidl2.Core;

namespace Flyte.Sdk.Tests.Local;

/// <summary>Local runs have Flyte's semantics and leave a remote run's files behind.</summary>
public sealed class LocalEngineTests : IDisposable
{
    private readonly string _home = Path.Combine(Path.GetTempPath(), "flyte-local-" + Guid.NewGuid().ToString("N"));

    private LocalRunOptions Options => new()
    {
        RunDirectory = Path.Combine(_home, "runs", Guid.NewGuid().ToString("N")),
        CacheDirectory = Path.Combine(_home, "cache"),
    };

    public void Dispose()
    {
        if (Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
    }

    private static string Key() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Quickstart_style_workflow_runs_with_literals_at_every_boundary()
    {
        var run = await Pipeline.FlyteTasks.SumOfSquares.RunLocalAsync(3, Options);

        Assert.True(run.Succeeded, run.Failure?.Message);
        Assert.Equal(14, run.Value);
        Assert.Equal(ActionPhase.Succeeded, run.Phase);
        Assert.Equal("a0", run.Report.Name);
        Assert.Equal(6, run.Report.Children.Count);
        Assert.All(run.Report.Children, c => Assert.Equal(ActionPhase.Succeeded, c.Phase));
    }

    [Fact]
    public async Task With_all_action_files_every_action_writes_inputs_and_outputs_under_its_attempt()
    {
        var run = await Pipeline.FlyteTasks.SumOfSquares.RunLocalAsync(2, Options with { ActionFiles = ActionFiles.All });

        foreach (var action in run.Report.Descendants())
        {
            string attempt = Path.Combine(run.RunDirectory, action.Name, "0");
            var inputs = Flyteidl2.Task.Inputs.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(attempt, "inputs.pb")));
            var outputs = Flyteidl2.Task.Outputs.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(attempt, "outputs.pb")));
            Assert.NotEmpty(inputs.Literals);
            Assert.Equal("o0", Assert.Single(outputs.Literals).Name);
            Assert.False(File.Exists(Path.Combine(attempt, "error.pb")));
        }
        var rootInputs = Flyteidl2.Task.Inputs.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(run.RunDirectory, "a0", "0", "inputs.pb")));
        Assert.Equal(2, rootInputs.Literals.Single(l => l.Name == "n").Value.Scalar.Primitive.Integer);
    }

    [Fact]
    public async Task By_default_only_the_root_writes_its_files_and_a_child_that_succeeds_writes_none()
    {
        var run = await Pipeline.FlyteTasks.SumOfSquares.RunLocalAsync(2, Options);

        Assert.True(run.Succeeded, run.Failure?.Message);
        Assert.True(File.Exists(Path.Combine(run.RunDirectory, "a0", "0", "inputs.pb")));
        Assert.True(File.Exists(Path.Combine(run.RunDirectory, "a0", "0", "outputs.pb")));
        Assert.NotEmpty(run.Report.Children);
        Assert.All(run.Report.Children, child => Assert.False(Directory.Exists(Path.Combine(run.RunDirectory, child.Name))));
    }

    [Fact]
    public async Task By_default_a_failed_child_attempt_writes_its_inputs_and_error()
    {
        var run = await Engine.FlyteTasks.Guarded.RunLocalAsync(7, Options);

        var child = Assert.Single(run.Report.Children);
        string attempt = Path.Combine(run.RunDirectory, child.Name, "0");
        var inputs = Flyteidl2.Task.Inputs.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(attempt, "inputs.pb")));
        Assert.Equal(7, inputs.Literals.Single(l => l.Name == "x").Value.Scalar.Primitive.Integer);
        var error = ErrorDocument.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(attempt, "error.pb"))).Error;
        Assert.Equal("ArgumentException", error.Code);
        Assert.False(File.Exists(Path.Combine(attempt, "outputs.pb")));
    }

    [Fact]
    public async Task Child_action_names_are_deterministic_and_count_repeated_calls()
    {
        var first = await Engine.FlyteTasks.TwiceSame.RunLocalAsync(3, Options);
        var second = await Engine.FlyteTasks.TwiceSame.RunLocalAsync(3, Options);

        var names = first.Report.Children.Select(c => c.Name).ToList();
        Assert.Equal(2, names.Distinct().Count());
        Assert.Equal(names.Order(), second.Report.Children.Select(c => c.Name).Order());
        Assert.All(names, n => Assert.Matches("^[0-9a-z]+$", n));
    }

    [Fact]
    public async Task A_recoverable_failure_is_retried_with_fresh_attempt_numbers()
    {
        string key = Key();

        var run = await Engine.FlyteTasks.Flaky.RunLocalAsync(key, 2, Options);

        Assert.True(run.Succeeded, run.Failure?.Message);
        Assert.Equal(2, run.Value);
        Assert.Equal(3, run.Report.Attempts);
        Assert.Equal(3, Engine.Calls[key]);
        Assert.True(File.Exists(Path.Combine(run.RunDirectory, "a0", "0", "error.pb")));
        Assert.True(File.Exists(Path.Combine(run.RunDirectory, "a0", "1", "error.pb")));
        Assert.True(File.Exists(Path.Combine(run.RunDirectory, "a0", "2", "outputs.pb")));
        var error = ErrorDocument.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(run.RunDirectory, "a0", "0", "error.pb"))).Error;
        Assert.Equal(ExecutionError.Types.ErrorKind.User, error.Origin);
        Assert.Equal(ContainerError.Types.Kind.Recoverable, error.Kind);
        Assert.Equal("GatewayBusyException", error.Code);
    }

    [Fact]
    public async Task Exhausted_retries_surface_every_attempts_message()
    {
        string key = Key();

        var run = await Engine.FlyteTasks.Flaky.RunLocalAsync(key, 5, Options);

        Assert.False(run.Succeeded);
        Assert.Equal(ActionPhase.Failed, run.Phase);
        Assert.Equal(3, run.Report.Attempts);
        Assert.Equal(3, Engine.Calls[key]);
        var failure = Assert.IsType<TaskFailedException>(run.Failure);
        Assert.Equal(3, failure.AttemptErrors.Count);
        Assert.Contains($"attempt 0 of {key} failed", failure.Message);
        Assert.Contains($"attempt 1 of {key} failed", failure.Message);
        Assert.Contains($"attempt 2 of {key} failed", failure.Message);
        Assert.IsType<GatewayBusyException>(failure.InnerException);
        Assert.Throws<TaskFailedException>(() => run.Value);
    }

    [Fact]
    public async Task A_plain_exception_is_not_retried_whatever_the_retries()
    {
        string key = Key();

        var run = await Engine.FlyteTasks.Broken.RunLocalAsync(key, 1, Options);

        Assert.False(run.Succeeded);
        Assert.Equal(ActionPhase.Failed, run.Phase);
        Assert.Equal(1, run.Report.Attempts);
        Assert.Equal(1, Engine.Calls[key]);
        var failure = Assert.IsType<TaskFailedException>(run.Failure);
        Assert.Equal($"InvalidOperationException: attempt 0 of {key} failed", Assert.Single(failure.AttemptErrors));
        Assert.Contains("failed after 1 attempt:", failure.Message);
        Assert.IsType<InvalidOperationException>(failure.InnerException);
        var error = ErrorDocument.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(run.RunDirectory, "a0", "0", "error.pb"))).Error;
        Assert.Equal(ExecutionError.Types.ErrorKind.User, error.Origin);
        Assert.Equal(ContainerError.Types.Kind.NonRecoverable, error.Kind);
        Assert.False(Directory.Exists(Path.Combine(run.RunDirectory, "a0", "1")));
    }

    [Fact]
    public async Task A_timeout_cancels_the_token_and_ends_TIMED_OUT()
    {
        string key = Key();

        var run = await Engine.FlyteTasks.Slow.RunLocalAsync(key, Options);

        Assert.Equal(ActionPhase.TimedOut, run.Phase);
        Assert.Contains("exceeded its timeout", run.Failure!.Message);
        var error = ErrorDocument.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(run.RunDirectory, "a0", "0", "error.pb"))).Error;
        Assert.Equal("TimedOut", error.Code);
        Assert.Equal(ContainerError.Types.Kind.Recoverable, error.Kind);
    }

    [Fact]
    public async Task A_timed_out_attempt_is_retried_as_the_devbox_retries_it()
    {
        string key = Key();

        var run = await Engine.FlyteTasks.SlowWithRetry.RunLocalAsync(key, Options);

        Assert.Equal(ActionPhase.TimedOut, run.Phase);
        Assert.Equal(2, run.Report.Attempts);
        // Each attempt timed out on its own. Not how often the body ran: on a loaded machine an attempt's 200 ms can end
        // before the thread pool starts its body, as a pod's timeout can end before its code starts.
        foreach (string attempt in new[] { "0", "1" })
        {
            var error = ErrorDocument.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(run.RunDirectory, "a0", attempt, "error.pb"))).Error;
            Assert.Equal("TimedOut", error.Code);
        }
    }

    [Fact]
    public async Task Cache_hit_skips_the_method_and_a_miss_runs_it()
    {
        string key = Key();
        var options = Options;

        var miss = await Engine.FlyteTasks.Cached.RunLocalAsync(key, 4, "first", options);
        var hit = await Engine.FlyteTasks.Cached.RunLocalAsync(key, 4, "ignored input differs", options with { RunName = null, RunDirectory = Path.Combine(_home, "runs", "second") });
        var otherInput = await Engine.FlyteTasks.Cached.RunLocalAsync(key, 5, "first", options with { RunDirectory = Path.Combine(_home, "runs", "third") });

        Assert.Equal(40, miss.Value);
        Assert.False(miss.Report.CacheHit);
        Assert.Equal(40, hit.Value);
        Assert.True(hit.Report.CacheHit);
        Assert.Equal(50, otherInput.Value);
        Assert.False(otherInput.Report.CacheHit);
        Assert.Equal(2, Engine.Calls[key]);
        Assert.True(File.Exists(Path.Combine(hit.RunDirectory, "a0", "0", "outputs.pb")));
    }

    [Fact]
    public async Task A_faked_task_neither_reads_nor_writes_the_cache()
    {
        string key = Key();
        var options = Options;
        var real = await Engine.FlyteTasks.Cached.RunLocalAsync(key, 4, "", options);
        var fake = Engine.FlyteTasks.Cached.Fake((_, x, _) => -x);

        var faked = await Engine.FlyteTasks.Cached.RunLocalAsync(key, 4, "", options with { RunDirectory = Path.Combine(_home, "runs", "faked"), Fakes = [fake] });
        var fakedOtherInput = await Engine.FlyteTasks.Cached.RunLocalAsync(key, 5, "", options with { RunDirectory = Path.Combine(_home, "runs", "faked-5"), Fakes = [fake] });
        var realAfterFake = await Engine.FlyteTasks.Cached.RunLocalAsync(key, 5, "", options with { RunDirectory = Path.Combine(_home, "runs", "real-5") });

        Assert.Equal(40, real.Value);
        Assert.Equal(-4, faked.Value);
        Assert.False(faked.Report.CacheHit);
        Assert.Equal(-5, fakedOtherInput.Value);
        Assert.Equal(50, realAfterFake.Value);
        Assert.False(realAfterFake.Report.CacheHit);
        Assert.Equal(2, fake.Calls);
        Assert.Equal(2, Engine.Calls[key]);
    }

    [Fact]
    public async Task Cache_can_be_cleared_and_switched_off()
    {
        string key = Key();
        var options = Options;
        await Engine.FlyteTasks.Cached.RunLocalAsync(key, 1, "", options);

        int removed = new LocalCache(options.CacheDirectory!).Clear("engine.Cached");
        var afterClear = await Engine.FlyteTasks.Cached.RunLocalAsync(key, 1, "", options);
        var uncached = await Engine.FlyteTasks.Cached.RunLocalAsync(key, 1, "", options with { UseCache = false });

        Assert.Equal(1, removed);
        Assert.False(afterClear.Report.CacheHit);
        Assert.False(uncached.Report.CacheHit);
        Assert.Equal(3, Engine.Calls[key]);
    }

    [Fact]
    public async Task Fan_out_respects_the_parallelism_limit()
    {
        Engine.ResetConcurrency();

        var run = await Engine.FlyteTasks.FanOut.RunLocalAsync(8, Options with { MaxParallelism = 2 });

        Assert.Equal(Enumerable.Range(0, 8).Sum(), run.Value);
        Assert.InRange(Engine.MaxRunning, 1, 2);
    }

    [Fact]
    public async Task Cancelling_a_run_aborts_its_running_actions()
    {
        string key = Key();
        using var cancellation = new CancellationTokenSource();
        var options = Options with
        {
            Progress = new SynchronousProgress(e =>
            {
                if (e.TaskName == "engine.Forever" && e.Phase == ActionPhase.Running)
                {
                    cancellation.CancelAfter(50);
                }
            }),
        };

        var run = await Engine.FlyteTasks.WaitsForever.RunLocalAsync(key, options, cancellation.Token);

        Assert.Equal(ActionPhase.Aborted, run.Phase);
        var child = Assert.Single(run.Report.Children);
        Assert.Equal(ActionPhase.Aborted, child.Phase);
        Assert.Equal(1, Engine.Calls[key]);
    }

    [Fact]
    public async Task A_workflow_can_catch_a_failed_task()
    {
        var run = await Engine.FlyteTasks.Guarded.RunLocalAsync(7, Options);

        Assert.Equal("recovered from engine.Boom", run.Value);
        var child = Assert.Single(run.Report.Children);
        Assert.Equal(ActionPhase.Failed, child.Phase);
        Assert.Contains("ArgumentException: bad x: 7", child.Error);
    }

    [Fact]
    public async Task Errors_show_the_users_stack_trace_not_the_engines()
    {
        var run = await Engine.FlyteTasks.Boom.RunLocalAsync(1, Options);

        string error = run.Report.Error!;
        Assert.StartsWith("System.ArgumentException: bad x: 1", error);
        Assert.Contains("Engine.Throw", error);
        Assert.Contains("Engine.Boom", error);
        Assert.DoesNotContain("Flyte.Local.", error);
        Assert.DoesNotContain("Flyte.Generated.", error);
    }

    [Fact]
    public async Task Fakes_replace_tasks_by_name_and_still_go_through_literals()
    {
        var fake = Pipeline.FlyteTasks.Square.Fake(x => -x);

        var run = await Pipeline.FlyteTasks.SumOfSquares.RunLocalAsync(3, Options with { Fakes = [fake] });

        Assert.Equal(-6, run.Value);
        Assert.Equal(3, fake.Calls);
    }

    [Fact]
    public async Task Report_renders_a_tree_with_phases()
    {
        var run = await Pipeline.FlyteTasks.SumOfSquares.RunLocalAsync(1, Options);

        string[] lines = run.Report.Render().TrimEnd().Split('\n');
        Assert.StartsWith("a0 pipeline.SumOfSquares SUCCEEDED", lines[0]);
        Assert.Equal(2, lines.Count(l => l.StartsWith("  ", StringComparison.Ordinal)));
    }

    private sealed class SynchronousProgress(Action<ActionEvent> report) : IProgress<ActionEvent>
    {
        public void Report(ActionEvent value) => report(value);
    }
}
