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
    public void Editing_a_task_body_changes_only_its_class_source_and_that_tasks_version()
    {
        var compilation = GeneratorHarness.Compile(("Tasks.cs", Tasks), ("Flow.cs", Flow));
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var before = Sources(driver);

        var edited = Replace(compilation, "Tasks.cs", Tasks.Replace("return 2 * x;", "int doubled = x + x; return doubled;"));
        driver = driver.RunGenerators(edited);

        var after = Sources(driver);
        const string Geometry = "Demo.Geometry.FlyteTasks.g.cs";
        Assert.Equal(before.Keys, after.Keys);
        Assert.All(before.Keys.Where(hint => hint != Geometry), hint => Assert.Equal(before[hint], after[hint]));
        Assert.NotEqual(CacheVersion(before[Geometry], "DoubleTask"), CacheVersion(after[Geometry], "DoubleTask"));
        Assert.Equal(CacheVersion(before[Geometry], "AreaTask"), CacheVersion(after[Geometry], "AreaTask"));
        Assert.Equal(64, CacheVersion(after[Geometry], "DoubleTask").Length);

        var run = driver.GetRunResult().Results.Single();
        var models = run.TrackedSteps[FlyteGenerator.TrackingNames.Models].SelectMany(s => s.Outputs).ToList();
        Assert.Single(models, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.All(models.Where(o => o.Reason != IncrementalStepRunReason.Modified),
            o => Assert.Contains(o.Reason, new[] { IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached }));
        // The dispatch table, records and interceptors do not depend on bodies.
        AssertAllOutputs(run, FlyteGenerator.TrackingNames.AllTasks, IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached);
        AssertAllOutputs(run, FlyteGenerator.TrackingNames.CallSites, IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void Editing_comments_whitespace_and_line_endings_of_a_task_changes_nothing()
    {
        var compilation = GeneratorHarness.Compile(("Tasks.cs", Tasks), ("Flow.cs", Flow));
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var before = Sources(driver);

        // Double is the last task: lines added inside it move no other task's location.
        string reformatted = Tasks.Replace(
            "{ await Task.Yield(); return 2 * x; }",
            "{\r\n            // twice x\r\n                await   Task.Yield();\r\n\r\n            return 2*x; /* no overflow check */\r\n        }");
        driver = driver.RunGenerators(Replace(compilation, "Tasks.cs", reformatted));

        Assert.Equal(before, Sources(driver));
        var run = driver.GetRunResult().Results.Single();
        AssertAllOutputs(run, FlyteGenerator.TrackingNames.Models, IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached);
        AssertAllOutputs(run, FlyteGenerator.TrackingNames.AllTasks, IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void A_comment_line_above_the_tasks_changes_no_model_and_no_source()
    {
        var compilation = GeneratorHarness.Compile(("Tasks.cs", Tasks), ("Flow.cs", Flow));
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var before = Sources(driver);

        // Every task moves one line down: locations change, models must not.
        string commented = Tasks.Replace("public static partial class Geometry", "// Shapes and their measures.\npublic static partial class Geometry");
        Assert.NotEqual(Tasks, commented);
        driver = driver.RunGenerators(Replace(compilation, "Tasks.cs", commented));

        Assert.Equal(before, Sources(driver));
        var run = driver.GetRunResult().Results.Single();
        AssertAllOutputs(run, FlyteGenerator.TrackingNames.Models, IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached);
        AssertAllOutputs(run, FlyteGenerator.TrackingNames.AllTasks, IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached);
        AssertAllOutputs(run, FlyteGenerator.TrackingNames.CallSites, IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void A_set_CacheVersion_keeps_the_source_unchanged_when_the_body_changes()
    {
        string pinned = Tasks.Replace("[Task]\n    public static async Task<int> Double", "[Task(CacheVersion = \"v7\")]\n    public static async Task<int> Double");
        Assert.NotEqual(Tasks, pinned);
        var compilation = GeneratorHarness.Compile(("Tasks.cs", pinned), ("Flow.cs", Flow));
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var before = Sources(driver);

        driver = driver.RunGenerators(Replace(compilation, "Tasks.cs", pinned.Replace("return 2 * x;", "return x + x;")));

        Assert.Equal(before, Sources(driver));
        Assert.Equal("v7", CacheVersion(before["Demo.Geometry.FlyteTasks.g.cs"], "DoubleTask"));
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

        string source = driver.GetRunResult().GeneratedTrees.Single(t => t.FilePath.EndsWith("Demo.Geometry.FlyteTasks.g.cs")).ToString();
        Assert.Contains("EncodeInputs(long x)", source);
        var run = driver.GetRunResult().Results.Single();
        Assert.Contains(run.TrackedSteps[FlyteGenerator.TrackingNames.Models].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
    }

    private static Dictionary<string, string> Sources(GeneratorDriver driver) =>
        driver.GetRunResult().Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());

    /// <summary>The <c>CacheVersion = "…"</c> that a task's definition class sets in its class's generated source.</summary>
    private static string CacheVersion(string source, string definitionClass)
    {
        const string Prefix = "CacheVersion = \"";
        int definition = source.IndexOf($"class {definitionClass} ", StringComparison.Ordinal);
        Assert.True(definition >= 0, $"{definitionClass} is not in the source");
        int start = source.IndexOf(Prefix, definition, StringComparison.Ordinal) + Prefix.Length;
        return source[start..source.IndexOf('"', start)];
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
