using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Flyte.Generators.Tests;

/// <summary>The generator does no work it can skip: models cache, and outputs survive edits that do not change them.</summary>
public class IncrementalityTests
{
    private const string Tasks = """
        using System.Threading.Tasks;
        using Flyte;

        namespace Demo;

        public sealed record Point(int X, int Y);

        public static partial class Geometry
        {
            [Task]
            public static int Area(Point p) => p.X * p.Y;

            [Task]
            public static async Task<int> Double(int x) { await Task.Yield(); return 2 * x; }
        }
        """;

    private const string Flow = """
        using System.Threading.Tasks;
        using Flyte;

        namespace Demo;

        public static partial class Flows
        {
            [Workflow]
            public static async Task<int> Run(int x) => await Geometry.Double(Geometry.Area(new Point(x, x)));
        }
        """;

    private static readonly string[] AllSteps =
    [
        FlyteGenerator.TrackingNames.Tasks,
        FlyteGenerator.TrackingNames.Workflows,
        FlyteGenerator.TrackingNames.Models,
        FlyteGenerator.TrackingNames.AllTasks,
        FlyteGenerator.TrackingNames.CallSites,
    ];

    [Fact]
    public void Second_run_on_a_cloned_compilation_is_all_cached()
    {
        var compilation = GeneratorHarness.Compile(("Tasks.cs", Tasks), ("Flow.cs", Flow));
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        driver = driver.RunGenerators(compilation.Clone());

        var run = driver.GetRunResult().Results.Single();
        foreach (string step in AllSteps)
        {
            AssertAllOutputs(run, step, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        }
        Assert.All(run.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void Editing_a_task_body_leaves_the_models_unchanged()
    {
        var compilation = GeneratorHarness.Compile(("Tasks.cs", Tasks), ("Flow.cs", Flow));
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var before = driver.GetRunResult().GeneratedTrees.Where(t => !t.FilePath.EndsWith("FlyteInterceptors.g.cs")).ToDictionary(t => t.FilePath, t => t.ToString());

        var edited = Replace(compilation, "Tasks.cs", Tasks.Replace("return 2 * x;", "int doubled = x + x; return doubled;"));
        driver = driver.RunGenerators(edited);

        var run = driver.GetRunResult().Results.Single();
        AssertAllOutputs(run, FlyteGenerator.TrackingNames.Models, IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached);
        AssertAllOutputs(run, FlyteGenerator.TrackingNames.AllTasks, IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached);
        var after = driver.GetRunResult().GeneratedTrees.Where(t => !t.FilePath.EndsWith("FlyteInterceptors.g.cs")).ToDictionary(t => t.FilePath, t => t.ToString());
        Assert.Equal(before, after);
    }

    [Fact]
    public void Adding_an_unrelated_file_is_cached()
    {
        var compilation = GeneratorHarness.Compile(("Tasks.cs", Tasks), ("Flow.cs", Flow));
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        var extended = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "namespace Demo; public static class Unrelated { public static int Add(int a, int b) => a + b; }",
            GeneratorHarness.ParseOptions, "Unrelated.cs"));
        driver = driver.RunGenerators(extended);

        var run = driver.GetRunResult().Results.Single();
        foreach (string step in new[] { FlyteGenerator.TrackingNames.Models, FlyteGenerator.TrackingNames.AllTasks, FlyteGenerator.TrackingNames.CallSites })
        {
            AssertAllOutputs(run, step, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        }
        Assert.All(run.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void Changing_a_signature_regenerates_that_task()
    {
        var compilation = GeneratorHarness.Compile(("Tasks.cs", Tasks), ("Flow.cs", Flow));
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        var edited = Replace(compilation, "Tasks.cs", Tasks.Replace("Double(int x)", "Double(long x)"));
        driver = driver.RunGenerators(edited);

        string source = driver.GetRunResult().GeneratedTrees.Single(t => t.FilePath.EndsWith("Demo.Geometry.Double.Task.g.cs")).ToString();
        Assert.Contains("EncodeInputs(long x)", source);
        var run = driver.GetRunResult().Results.Single();
        Assert.Contains(run.TrackedSteps[FlyteGenerator.TrackingNames.Models].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
    }

    private static Compilation Replace(Compilation compilation, string path, string source)
    {
        var old = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions, path));
    }

    private static void AssertAllOutputs(GeneratorRunResult run, string step, params IncrementalStepRunReason[] allowed)
    {
        Assert.True(run.TrackedSteps.ContainsKey(step), $"step {step} did not run");
        var outputs = run.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, output => Assert.Contains(output.Reason, allowed));
    }
}
