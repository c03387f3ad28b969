using Flyte.Cli.Tests.Infrastructure;

namespace Flyte.Cli.Tests.Run;

public sealed class RunCommandTests : IDisposable
{
    private readonly TemporaryDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task Quickstart_runs_and_prints_the_report_and_the_output()
    {
        var result = await LocalRun.RunAsync(_scratch, TaskAssemblies.Quickstart, "quickstart.MeanOfSquares", "--n", "10");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("a0 quickstart.MeanOfSquares SUCCEEDED", result.Out);
        Assert.Equal(10, result.Out.Split('\n').Count(l => l.StartsWith("  ", StringComparison.Ordinal) && l.Contains("quickstart.Square SUCCEEDED", StringComparison.Ordinal)));
        Assert.Contains("  o0: 28.5", result.Out);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public async Task Json_prints_only_the_outputs_as_one_object()
    {
        var result = await LocalRun.RunAsync(_scratch, TaskAssemblies.Quickstart, "MeanOfSquares", "--n", "10", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("{\"o0\":28.5}", result.Out.Trim());
    }

    [Fact]
    public async Task A_task_is_found_by_its_CSharp_name_and_inputs_take_the_equals_form()
    {
        var result = await LocalRun.RunAsync(_scratch, TaskAssemblies.Quickstart, "Quickstart.Square", "--x=-7", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("{\"o0\":49}", result.Out.Trim());
    }

    [Fact]
    public async Task A_second_run_hits_the_cache_and_no_cache_does_not()
    {
        await LocalRun.RunAsync(_scratch, TaskAssemblies.Quickstart, "quickstart.Square", "--x", "12");

        var cached = await LocalRun.RunAsync(_scratch, TaskAssemblies.Quickstart, "quickstart.Square", "--x", "12");
        var uncached = await LocalRun.RunAsync(_scratch, TaskAssemblies.Quickstart, "quickstart.Square", "--x", "12", "--no-cache");

        Assert.Contains("(cache hit)", cached.Out);
        Assert.DoesNotContain("(cache hit)", uncached.Out);
        Assert.Contains("o0: 144", uncached.Out);
    }

    [Fact]
    public async Task All_files_writes_every_actions_files_and_by_default_only_the_run_writes_its_own()
    {
        string runDirectory = _scratch.Combine("run");
        var everything = await LocalRun.RunAsync(_scratch, TaskAssemblies.Quickstart, "quickstart.MeanOfSquares", "--n", "2", "--no-cache", "--all-files");
        var actionsWithOutputs = Directory.GetDirectories(runDirectory).Where(action => File.Exists(Path.Combine(action, "0", "outputs.pb"))).ToList();
        Directory.Delete(runDirectory, recursive: true);
        var byDefault = await LocalRun.RunAsync(_scratch, TaskAssemblies.Quickstart, "quickstart.MeanOfSquares", "--n", "2", "--no-cache");

        Assert.True(everything.ExitCode == 0, everything.ToString());
        Assert.True(byDefault.ExitCode == 0, byDefault.ToString());
        Assert.Equal(3, actionsWithOutputs.Count);
        Assert.Equal(["a0"], Directory.GetDirectories(runDirectory).Select(Path.GetFileName));
        Assert.True(File.Exists(Path.Combine(runDirectory, "a0", "0", "outputs.pb")));
    }

    [Fact]
    public async Task Help_on_a_task_lists_its_inputs_with_their_Flyte_types()
    {
        var result = await InProcessCli.RunAsync("run", "--local", TaskAssemblies.Quickstart, "quickstart.MeanOfSquares", "--help");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"--n <INTEGER>\s+required", result.Out);
        Assert.Matches(@"o0\s+FLOAT", result.Out);
    }

    [Fact]
    public async Task Help_shows_every_kind_of_input_and_the_task_description()
    {
        var move = await InProcessCli.RunAsync("run", "--local", TaskAssemblies.TestTasks, "cli.Move", "--help");
        var scalars = await InProcessCli.RunAsync("run", "--local", TaskAssemblies.TestTasks, "cli.Scalars", "-h");

        Assert.Contains("--point <STRUCT Point>", move.Out);
        Assert.Contains("--color <enum (Red | Green | Blue)>", move.Out);
        Assert.Matches(@"--step <INTEGER or none>\s+optional", move.Out);
        Assert.Contains("Formats its scalar inputs.", scalars.Out);
        Assert.Contains("--flag <BOOLEAN>", scalars.Out);
    }

    [Theory]
    [InlineData("cli.Scalars", "{\"o0\":\"abc:3:0.5:True\"}", "--count", "3", "--ratio", "0.5", "--flag", "--name", "abc")]
    [InlineData("cli.Scalars", "{\"o0\":\"a b:-3:1E+300:False\"}", "--count", "-3", "--ratio", "1e300", "--flag", "False", "--name", "a b")]
    [InlineData("cli.Weighted", "{\"o0\":9}", "--values", "[1,2,3]", "--weights", "{\"a\":0.5,\"b\":1}")]
    [InlineData("cli.Move", "{\"o0\":{\"X\":2,\"Y\":2.5,\"Label\":\"p/Green\"}}", "--point", "{\"X\":1,\"Y\":2.5,\"Label\":\"p\"}", "--color", "Green")]
    [InlineData("cli.Move", "{\"o0\":{\"X\":6,\"Y\":0,\"Label\":\"/Blue\"}}", "--point", "{\"X\":1,\"Y\":0,\"Label\":null}", "--color", "Blue", "--step", "5")]
    [InlineData("cli.Later", "{\"o0\":\"2024-05-01T12:01:30Z\"}", "--at", "2024-05-01T12:00:00Z", "--after", "PT1M30S")]
    [InlineData("cli.Later", "{\"o0\":\"2024-05-02T00:00:00.5Z\"}", "--at", "2024-05-01", "--after", "1.00:00:00.5")]
    [InlineData("cli.Later", "{\"o0\":\"2024-05-01T01:30:00Z\"}", "--at", "2024-05-01T03:00:00+02:00", "--after", "30m")]
    [InlineData("cli.Tuple", "{\"Names\":[\"a\",\"b\"],\"Sum\":2}", "--names", "[\"a\",\"b\"]")]
    public async Task Inputs_of_every_kind_parse_and_outputs_print_as_JSON(string task, string expected, params string[] inputs)
    {
        var result = await LocalRun.RunAsync(_scratch, TaskAssemblies.TestTasks, task, [.. inputs, "--json"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(expected, result.Out.Trim());
    }

    [Fact]
    public async Task File_and_directory_inputs_are_local_paths()
    {
        string file = _scratch.Combine("data.txt");
        await File.WriteAllTextAsync(file, "12345");
        string folder = _scratch.Combine("folder");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "a"), "");
        await File.WriteAllTextAsync(Path.Combine(folder, "b"), "");

        var length = await LocalRun.RunAsync(_scratch, TaskAssemblies.TestTasks, "cli.FileLength", "--file", file, "--json");
        var entries = await LocalRun.RunAsync(_scratch, TaskAssemblies.TestTasks, "cli.CountEntries", "--directory", folder, "--json");

        Assert.Equal("{\"o0\":5}", length.Out.Trim());
        Assert.Equal("{\"o0\":2}", entries.Out.Trim());
    }

    [Fact]
    public async Task A_failing_run_exits_1_with_its_attempt_and_the_users_stack_trace()
    {
        var result = await LocalRun.RunAsync(_scratch, TaskAssemblies.TestTasks, "failing.CallsExplode", "--x", "3");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("a0 failing.CallsExplode FAILED", result.Out);
        Assert.Contains("failing.Explode FAILED", result.Out);
        // Explode has Retries = 1, but a plain exception is NON_RECOVERABLE: one attempt, as on a devbox.
        Assert.DoesNotContain("attempts=", result.Out);
        Assert.Contains("attempt 0: InvalidOperationException: exploded on 3", result.Error);
        Assert.DoesNotContain("attempt 1:", result.Error);
        Assert.Matches(@"at Flyte\.Cli\.Tests\.Tasks\.Failures\.Explode\(Int32 x\) in .*Failures\.cs:line \d+", result.Error);
    }

    [Fact]
    public async Task A_failing_run_with_json_prints_no_outputs_and_exits_1()
    {
        var result = await LocalRun.RunAsync(_scratch, TaskAssemblies.TestTasks, "failing.Explode", "--x", "1", "--json");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Contains("exploded on 1", result.Error);
    }

    [Fact]
    public async Task Without_local_a_run_is_refused_with_exit_2()
    {
        var result = await InProcessCli.RunAsync("run", TaskAssemblies.Quickstart, "quickstart.MeanOfSquares", "--n", "1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--local", result.Error);
    }

    [Fact]
    public async Task A_project_folder_is_built_then_run()
    {
        CliResult result;
        using (await TestBuilds.LockAsync(TestBuilds.Debug))
        {
            result = await LocalRun.RunAsync(_scratch, TaskAssemblies.QuickstartProjectFolder, "quickstart.MeanOfSquares", "--n", "4", "--json",
                "--artifacts-path", TestBuilds.Folder(TestBuilds.Debug));
        }

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("{\"o0\":3.5}", result.Out.Trim());
        Assert.True(File.Exists(Path.Combine(TestBuilds.Output(TestBuilds.Debug, "Quickstart", "Debug"), "Quickstart.dll")), "the build went elsewhere than --artifacts-path");
    }
}
