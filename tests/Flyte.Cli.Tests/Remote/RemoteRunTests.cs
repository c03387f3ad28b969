using System.Text.RegularExpressions;
using Flyte.Cli.Tests.Infrastructure;

namespace Flyte.Cli.Tests.Remote;

/// <summary><c>flyte run</c> on a devbox: the local build runs (deployed already here), progress and the action tree print, outputs decode as local runs do.</summary>
public sealed class RemoteRunTests(DevboxFixture devbox) : IClassFixture<DevboxFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => devbox.DeployOnceAsync(TaskAssemblies.Quickstart);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_task_runs_on_the_devbox_and_its_output_prints()
    {
        var result = await devbox.RunAsync("run", TaskAssemblies.Quickstart, "quickstart.Square", "--x", "7");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"of quickstart.Square on {devbox.Devbox.Endpoint} (flytesnacks/development)", result.Out);
        // The run's page in the console, at the address flyte-sdk's Run.url gives.
        Assert.Matches($@"(?m)^{Regex.Escape(devbox.Devbox.Endpoint)}/v2/runs/project/flytesnacks/domain/development/[a-z0-9]+\r?$", result.Out);
        Assert.Matches(@"(?m)^a0 quickstart\.Square SUCCEEDED \d", result.Out);
        Assert.Contains("  o0: 49", result.Out);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public async Task A_workflow_runs_its_children_as_actions_and_prints_the_tree()
    {
        var result = await devbox.RunAsync("run", TaskAssemblies.Quickstart, "MeanOfSquares", "--n", "4");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"(?m)^a0 quickstart\.MeanOfSquares SUCCEEDED", result.Out);
        var children = result.Out.Split('\n').Where(l => l.StartsWith("  ", StringComparison.Ordinal) && l.Contains(" quickstart.Square SUCCEEDED", StringComparison.Ordinal));
        Assert.Equal(4, children.Count());
        Assert.Contains("  o0: 3.5", result.Out);
    }

    [Fact]
    public async Task On_a_terminal_the_actions_show_in_a_live_table_then_the_tree_and_outputs()
    {
        var output = new StringWriter();
        var console = TerminalConsole.Over(output);
        using var environment = new HermeticEnvironment();

        int exitCode = await FlyteCommandLine.InvokeAsync(
            ["run", TaskAssemblies.Quickstart, "quickstart.MeanOfSquares", "--n", "3", "--config", devbox.ConfigPath], console, environment.Cli);

        string text = output.ToString();
        Assert.True(exitCode == 0, text);
        Assert.Contains("Phase", text);
        Assert.Matches(@"\d+ actions: \d+ succeeded \(\d+ from cache\)", text);
        Assert.Contains("a0 quickstart.MeanOfSquares SUCCEEDED", text);
        Assert.Contains("o0: 1.6666666666666667", text);
    }

    [Fact]
    public async Task Json_prints_only_the_outputs()
    {
        var result = await devbox.RunAsync("run", TaskAssemblies.Quickstart, "quickstart.MeanOfSquares", "--n", "2", "--json", "--follow");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("{\"o0\":0.5}", result.Out.Trim());
    }

    [Fact]
    public async Task No_wait_prints_the_run_name_and_get_run_shows_it_and_its_outputs()
    {
        string name = "nowait-" + Guid.NewGuid().ToString("N")[..8];

        var started = await devbox.RunAsync("run", "--name", name, TaskAssemblies.Quickstart, "quickstart.Square", "--x", "8", "--no-wait");
        var shown = await devbox.WaitForRunAsync(name);

        Assert.True(started.ExitCode == 0, started.ToString());
        Assert.Equal(name, started.Out.Trim());
        Assert.Contains($"get run {name}", started.Error);
        Assert.Contains($"Run       {name}", shown.Out);
        Assert.Contains($"Link      {devbox.Devbox.Endpoint}/v2/runs/project/flytesnacks/domain/development/{name}", shown.Out);
        Assert.Contains($"see it at {devbox.Devbox.Endpoint}/v2/runs/project/flytesnacks/domain/development/{name}", started.Error);
        Assert.Matches(@"Task      quickstart\.Square \(version [0-9a-f]{32}\)", shown.Out);
        Assert.Contains("Phase     SUCCEEDED", shown.Out);
        Assert.Contains("  o0: 64", shown.Out);
    }

    [Fact]
    public async Task A_run_name_already_taken_is_refused_with_exit_2()
    {
        string name = "twice-" + Guid.NewGuid().ToString("N")[..8];

        var first = await devbox.RunAsync("run", "--name", name, TaskAssemblies.Quickstart, "quickstart.Square", "--x", "2", "--no-wait");
        var second = await devbox.RunAsync("run", "--name", name, TaskAssemblies.Quickstart, "quickstart.Square", "--x", "2", "--no-wait");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(2, second.ExitCode);
        Assert.Equal("", second.Out);
        string line = Assert.Single(second.Error.TrimEnd().Split('\n'));
        Assert.Equal($"flyte: run {name} already exists in flytesnacks/development; choose another name or leave it out", line);
    }

    [Fact]
    public async Task An_unknown_task_lists_the_tasks_there_are()
    {
        var result = await devbox.RunAsync("run", TaskAssemblies.Quickstart, "quickstart.Cube", "--x", "2");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("flyte: no task \"quickstart.Cube\" in Quickstart; its tasks: quickstart.MeanOfSquares, quickstart.Square", result.Error.Trim());
    }

    [Fact]
    public async Task A_badly_typed_input_is_refused_before_anything_starts()
    {
        var result = await devbox.RunAsync("run", TaskAssemblies.Quickstart, "quickstart.Square", "--x", "seven");
        var runs = await devbox.RunAsync("get", "runs", "--limit", "100");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.StartsWith("flyte: input --x (INTEGER):", result.Error);
        Assert.DoesNotContain("seven", runs.Out);
    }

    [Fact]
    public async Task A_failing_run_prints_each_attempts_error_and_exits_1()
    {
        await devbox.DeployOnceAsync(TaskAssemblies.TestTasks);

        var result = await devbox.RunAsync("run", TaskAssemblies.TestTasks, "failing.CallsExplode", "--x", "3");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.True(Regex.IsMatch(result.Out, @"(?m)^a0 failing\.CallsExplode FAILED"), result.ToString());
        Assert.True(Regex.IsMatch(result.Out, @"(?m)^  \S+ failing\.Explode FAILED \d"), result.ToString());
        Assert.True(Regex.IsMatch(result.Error, @"(?m)^run \S+ ended FAILED: (USER|SYSTEM) error: "), result.ToString());
        Assert.True(Regex.IsMatch(result.Error, @"(?m)^attempt \d: USER error: .*exploded on 3"), result.ToString());
    }

    [Fact]
    public async Task A_task_input_named_like_a_run_option_is_the_tasks_input()
    {
        await devbox.DeployOnceAsync(TaskAssemblies.TestTasks);
        string runName = "named-" + Guid.NewGuid().ToString("N")[..8];

        var result = await devbox.RunAsync("run", "--name", runName, TaskAssemblies.TestTasks, "cli.Scalars",
            "--count", "3", "--ratio", "0.5", "--flag", "--name", "abc", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("{\"o0\":\"abc:3:0.5:True\"}", result.Out.Trim());
        Assert.Contains("Phase     SUCCEEDED", (await devbox.RunAsync("get", "run", runName)).Out);
    }
}
