using Flyte.Hashing;
using Flyte.Local;
using Flyte.Sdk.Tests.Tasks;
using Flyte.Tasks;
using Flyteidl2.Core;

namespace Flyte.Sdk.Tests.Local;

/// <summary>
/// Traces in a local run, as flyte-sdk has them (src/flyte/_trace.py; get_action_outputs and record_trace in
/// src/flyte/_internal/controllers/remote/_controller.py): a trace call is a child action named like a task call with
/// <c>name-codeVersion</c> as identity, its files sit in <c>run/&lt;action&gt;/</c> without an attempt folder, and a
/// retried attempt replays a recorded result or a non-recoverable failure instead of running the method again.
/// </summary>
public sealed class TraceTests : IDisposable
{
    private readonly string _home = Path.Combine(Path.GetTempPath(), "flyte-traces-" + Guid.NewGuid().ToString("N"));
    private readonly string _key = Guid.NewGuid().ToString("N");

    public void Dispose()
    {
        if (Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
    }

    private LocalRunOptions Options => new() { RunDirectory = Path.Combine(_home, "run"), CacheDirectory = Path.Combine(_home, "cache"), UseCache = false };

    [Fact]
    public async Task A_retried_attempt_replays_the_recorded_result_instead_of_running_the_trace_again()
    {
        var run = await Traced.FlyteTasks.RetriedAfterTrace.RunLocalAsync(_key, Options);

        Assert.True(run.Succeeded, run.Failure?.Message);
        Assert.Equal(40, run.Value);
        Assert.Equal(2, run.Report.Attempts);
        Assert.Equal(2, Traced.RunsOf(_key)); // Fetch once and Note once, though both attempts called both
        var traces = run.Report.Children;
        Assert.Equal(2, traces.Count);
        Assert.All(traces, trace => Assert.True(trace.IsTrace));
        Assert.Equal(["Fetch", "Note"], traces.Select(t => t.TaskName));
        Assert.All(traces, trace => Assert.Equal(ActionPhase.Succeeded, trace.Phase));
    }

    [Fact]
    public async Task A_trace_is_named_as_flyte_sdk_names_it_and_leaves_its_files_without_an_attempt_folder()
    {
        var run = await Traced.FlyteTasks.RetriedAfterTrace.RunLocalAsync(_key, Options with { ActionFiles = ActionFiles.All });

        var fetch = Definition("Fetch");
        string expected = ChildActionName.Compute("a0", FetchInputsHash(_key, 4), $"Fetch-{fetch.CodeVersion}", 1);
        var trace = run.Report.Children[0];
        Assert.Equal(expected, trace.Name);
        Assert.Matches("^[0-9a-f]{64}$", fetch.CodeVersion);

        string folder = Path.Combine(run.RunDirectory, trace.Name);
        var written = Flyteidl2.Task.Inputs.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(folder, "inputs.pb")));
        Assert.Equal(["key", "x"], written.Literals.Select(l => l.Name));
        var outputs = Flyteidl2.Task.Outputs.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(folder, "outputs.pb")));
        Assert.Equal(40, Assert.Single(outputs.Literals).Value.Scalar.Primitive.Integer);
        Assert.False(Directory.Exists(Path.Combine(folder, "0")));
    }

    [Fact]
    public async Task By_default_a_trace_that_succeeds_writes_no_files()
    {
        var run = await Traced.FlyteTasks.RetriedAfterTrace.RunLocalAsync(_key, Options);

        Assert.True(run.Succeeded, run.Failure?.Message);
        Assert.Equal(2, run.Report.Children.Count);
        Assert.All(run.Report.Children, trace => Assert.False(Directory.Exists(Path.Combine(run.RunDirectory, trace.Name))));
    }

    [Fact]
    public async Task A_non_recoverable_failure_is_recorded_and_thrown_again_on_retry_without_running()
    {
        var run = await Traced.FlyteTasks.RetriedAfterFailedTrace.RunLocalAsync(_key, Options);

        Assert.True(run.Succeeded, run.Failure?.Message);
        Assert.Equal(1, Traced.RunsOf(_key));
        var trace = Assert.Single(run.Report.Children);
        Assert.Equal(ActionPhase.Failed, trace.Phase);
        Assert.StartsWith($"trace Explode (action {trace.Name}) failed: InvalidOperationException: ", run.Value);
        Assert.Contains($"no data for {_key}", run.Value);
        var error = ErrorDocument.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(run.RunDirectory, trace.Name, "error.pb"))).Error;
        Assert.Equal(ContainerError.Types.Kind.NonRecoverable, error.Kind);
        Assert.True(File.Exists(Path.Combine(run.RunDirectory, trace.Name, "inputs.pb")));
        Assert.Equal("InvalidOperationException", error.Code);
    }

    [Fact]
    public async Task A_recoverable_failure_runs_the_trace_again_on_retry()
    {
        var run = await Traced.FlyteTasks.RetriedAfterFlakyTrace.RunLocalAsync(_key, Options);

        Assert.True(run.Succeeded, run.Failure?.Message);
        Assert.Equal(7, run.Value);
        Assert.Equal(2, Traced.RunsOf(_key));
        var trace = Assert.Single(run.Report.Children);
        Assert.Equal(ActionPhase.Succeeded, trace.Phase);
    }

    [Fact]
    public async Task Calls_inside_a_trace_are_children_of_the_task_named_under_the_trace()
    {
        var run = await Traced.FlyteTasks.Nested.RunLocalAsync(_key, 3, Options);

        Assert.True(run.Succeeded, run.Failure?.Message);
        Assert.Equal(9 + 30 + 9, run.Value);
        var children = run.Report.Children;
        var outer = children.Single(c => c.TaskName == "Outer");
        var inside = children.Where(c => c != outer && c.Name != SquareUnder("a0", 3)).ToList();
        Assert.Equal(2, inside.Count);
        Assert.Contains(inside, c => c.Name == SquareUnder(outer.Name, 3));
        var fetch = Definition("Fetch");
        Assert.Contains(inside, c => c.IsTrace && c.Name == ChildActionName.Compute(outer.Name, FetchInputsHash(_key, 3), fetch.Identity, 1));
    }

    [Fact]
    public async Task The_same_call_twice_is_two_traces_counted_apart()
    {
        var run = await Traced.FlyteTasks.Repeated.RunLocalAsync(_key, Options);

        Assert.Equal(10 + 10 + 20, run.Value);
        Assert.Equal(3, run.Report.Children.Select(c => c.Name).Distinct().Count());
        Assert.Equal(3, Traced.RunsOf(_key));
    }

    [Fact]
    public async Task The_run_tree_marks_traces()
    {
        var run = await Traced.FlyteTasks.RetriedAfterTrace.RunLocalAsync(_key, Options);

        string[] lines = run.Report.Render().Split('\n');
        Assert.Matches(@"^  \w+ Fetch SUCCEEDED \d+\.\d{3}s \(trace\)$", lines[1]);
        Assert.Matches(@"^  \w+ Note SUCCEEDED \d+\.\d{3}s \(trace\)$", lines[2]);
    }

    [Fact]
    public async Task Outside_a_run_a_trace_is_a_plain_call()
    {
        Assert.Equal(50, await Traced.Fetch(_key, 5));
        Assert.Equal(1, Traced.RunsOf(_key));
        Assert.Throws<InvalidOperationException>(() => Traced.Explode(_key));
    }

    private static string SquareUnder(string parent, int x)
    {
        var square = Pipeline.FlyteTasks.Square;
        var call = new ChildCalls(parent).Next(square, square.EncodeInputs(x));
        return call.ActionName;
    }

    /// <summary>flyte-sdk's inputs hash of Fetch's inputs (key: str, x: int), built here rather than by the generated code.</summary>
    private static string FetchInputsHash(string key, long x) => InputsHash.Compute(
    [
        ("key", new Literal { Scalar = new Scalar { Primitive = new Primitive { StringValue = key } } }),
        ("x", new Literal { Scalar = new Scalar { Primitive = new Primitive { Integer = x } } }),
    ]);

    /// <summary>The generated definition of a trace of <see cref="Traced"/>.</summary>
    private static TraceDefinition Definition(string method) =>
        TraceDefinitions.Of(typeof(Flyte.Generated.FlyteTraceDefinitions)).Single(d => d.MethodName == "Flyte.Sdk.Tests.Tasks.Traced." + method);
}
