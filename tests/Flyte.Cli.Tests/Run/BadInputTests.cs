using Flyte.Cli.Tests.Infrastructure;

namespace Flyte.Cli.Tests.Run;

/// <summary>Every kind of mistake on a task's inputs: exit 2 and one line naming the input and its Flyte type, before anything runs.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly TemporaryDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    public static TheoryData<string, string[], string> Mistakes() => new()
    {
        { "cli.Scalars", ["--count", "abc", "--ratio", "1", "--flag", "true", "--name", "n"], "input --count (INTEGER): expected an INTEGER, got \"abc\"" },
        { "cli.Scalars", ["--count", "1.5", "--ratio", "1", "--flag", "true", "--name", "n"], "input --count (INTEGER): expected an INTEGER, got 1.5" },
        { "cli.Scalars", ["--count", "1", "--ratio", "x1", "--flag", "true", "--name", "n"], "input --ratio (FLOAT): expected a FLOAT, got \"x1\"" },
        { "cli.Scalars", ["--count", "1", "--ratio", "1", "--flag", "maybe", "--name", "n"], "input --flag (BOOLEAN): expected a BOOLEAN, got \"maybe\"" },
        { "cli.Scalars", ["--count", "1", "--ratio", "1", "--flag", "true"], "missing input --name (STRING) for cli.Scalars" },
        { "cli.Scalars", ["--count", "1", "--ratio", "1", "--flag", "true", "--name"], "input --name (STRING) needs a value" },
        { "cli.Scalars", ["--count", "1", "--count", "2"], "input --count is given twice" },
        { "cli.Scalars", ["--cuont", "1"], "unknown input --cuont; cli.Scalars takes --count (INTEGER), --ratio (FLOAT), --flag (BOOLEAN), --name (STRING)" },
        { "cli.Weighted", ["--values", "[1,2", "--weights", "{}"], "input --values (list of INTEGER): expected a JSON list (list of INTEGER), got malformed JSON" },
        { "cli.Weighted", ["--values", "[1,\"two\"]", "--weights", "{}"], "input --values (list of INTEGER): [1]: expected an INTEGER, got \"two\"" },
        { "cli.Weighted", ["--values", "{\"a\":1}", "--weights", "{}"], "input --values (list of INTEGER): expected a JSON list (list of INTEGER), got {\"a\":1}" },
        { "cli.Weighted", ["--values", "[]", "--weights", "{\"a\":\"heavy\"}"], "input --weights (map of string to FLOAT): [\"a\"]: expected a FLOAT, got \"heavy\"" },
        { "cli.Weighted", ["--values", "[]", "--weights", "[0.5]"], "input --weights (map of string to FLOAT): expected a JSON object (map of string to FLOAT), got [0.5]" },
        { "cli.Move", ["--point", "{\"X\":1,\"Y\":2,\"Z\":3}", "--color", "Red"], "input --point (STRUCT Point): unknown property \"Z\" (Point has Label, X, Y)" },
        { "cli.Move", ["--point", "{\"Y\":2}", "--color", "Red"], "input --point (STRUCT Point): missing property \"X\" of Point" },
        // Label is nullable with no default: required, as flyte-sdk requires an Optional field without a default.
        { "cli.Move", ["--point", "{\"X\":1,\"Y\":2}", "--color", "Red"], "input --point (STRUCT Point): missing property \"Label\" of Point" },
        { "cli.Move", ["--point", "{\"X\":\"one\",\"Y\":2,\"Label\":null}", "--color", "Red"], "input --point (STRUCT Point): X: expected an integer, got \"one\"" },
        { "cli.Move", ["--point", "{\"X\":1,\"Y\":2,\"Label\":7}", "--color", "Red"], "input --point (STRUCT Point): Label: expected a string, got 7" },
        { "cli.Move", ["--point", "[1,2]", "--color", "Red"], "input --point (STRUCT Point): expected a JSON object (STRUCT Point), got [1,2]" },
        { "cli.Move", ["--point", "{\"X\":1,\"Y\":2,\"Label\":null}", "--color", "Purple"], "input --color (enum (Red | Green | Blue)): expected one of Red, Green, Blue, got \"Purple\"" },
        { "cli.Move", ["--point", "{\"X\":1,\"Y\":2,\"Label\":null}", "--color", "Red", "--step", "far"], "input --step (INTEGER or none): expected an INTEGER, got \"far\"" },
        { "cli.Later", ["--at", "yesterday", "--after", "1s"], "input --at (DATETIME): expected a DATETIME (ISO 8601" },
        { "cli.Later", ["--at", "2024-01-01", "--after", "soon"], "input --after (DURATION): expected a DURATION (like \"PT1M30S\", \"00:01:30\" or \"90s\"), got \"soon\"" },
        { "cli.FileLength", ["--file", "/no/such/file.txt"], "input --file (file): expected a file path or URI, got \"/no/such/file.txt\" (no such file)" },
        { "cli.CountEntries", ["--directory", "/no/such/folder"], "input --directory (directory): expected a directory path or URI, got \"/no/such/folder\" (no such directory)" },
        { "cli.Tuple", ["stray"], "unexpected argument \"stray\"; inputs are given as --name value" },
        // Found by fuzzing (docs/fuzzing.md): what the user typed is echoed on the message's one line.
        { "cli.Tuple", ["stray\nline"], "unexpected argument \"stray line\"; inputs are given as --name value" },
        { "cli.Tuple", ["--na\r\nmes", "[]"], "unknown input --na mes; cli.Tuple takes --names (list of STRING)" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task A_bad_input_exits_2_with_one_line_naming_the_input_and_its_type(string task, string[] inputs, string expected)
    {
        var result = await LocalRun.RunAsync(_scratch, TaskAssemblies.TestTasks, task, inputs);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("", result.Out);
        string line = Assert.Single(result.Error.TrimEnd().Split('\n'));
        Assert.StartsWith("flyte: " + expected, line);
        Assert.False(Directory.Exists(_scratch.Combine("run")), "nothing may run when an input is bad");
    }

    [Fact]
    public async Task An_unknown_task_exits_2_listing_the_tasks_of_the_assembly()
    {
        var result = await LocalRun.RunAsync(_scratch, TaskAssemblies.Quickstart, "quickstart.Cube", "--x", "2");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("flyte: no task \"quickstart.Cube\" in Quickstart; its tasks: quickstart.MeanOfSquares, quickstart.Square", result.Error.TrimEnd());
    }

    [Fact]
    public async Task A_missing_task_name_exits_2_listing_the_tasks()
    {
        var result = await InProcessCli.RunAsync("run", "--local", TaskAssemblies.Quickstart);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("quickstart.MeanOfSquares, quickstart.Square", result.Error);
    }

    [Theory]
    [InlineData("no-such-assembly.dll", "not found: ")]
    [InlineData("README.md", "is neither an assembly (.dll), a project file nor a project folder")]
    public async Task A_bad_target_exits_2(string target, string expected)
    {
        var result = await InProcessCli.RunAsync("run", "--local", Path.Combine(RepositoryPaths.Root, target), "task");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error);
    }

    [Fact]
    public async Task A_task_named_alone_is_looked_for_in_the_project_of_the_current_folder()
    {
        using var environment = new HermeticEnvironment();

        var result = await InProcessCli.RunAsync(environment.Cli, "run", "--local", "quickstart.MeanOfSquares", "--n", "1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"no project file in {environment.WorkingDirectory}", result.Error);
    }

    [Fact]
    public async Task An_unknown_command_exits_2()
    {
        var result = await InProcessCli.RunAsync("launch");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("launch", result.Error);
    }
}
