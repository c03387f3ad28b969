using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Flyte.Generators.Tests;

/// <summary>
/// A task's parse result is reused while its own file is untouched and no declaration anywhere changed
/// (docs/generator-incrementality.md). These are the edits in other files that must still reach it.
/// </summary>
public class DeclarationEditTests
{
    private const string Tasks = """
        using Flyte;
        using Shapes;

        namespace Demo;

        public static partial class Geometry
        {
            [Task(Retries = Limits.Retries)]
            public static int Area(Point p) => p.X * p.Y;
        }
        """;

    private const string Shapes = """
        namespace Shapes;

        public sealed record Point(int X, int Y);
        """;

    private const string Limits = """
        namespace Demo;

        public static class Limits
        {
            public const int Retries = 2;

            public static int Helper(int x) => x + 1;
        }
        """;

    private const string AreaSource = "Demo.Geometry.FlyteTasks.g.cs";
    private const string RecordsSource = "FlyteRecords.g.cs";

    [Fact]
    public void A_property_added_to_a_record_in_another_file_reaches_the_task()
    {
        var (compilation, driver) = Start();

        driver = driver.RunGenerators(Replace(compilation, "Shapes.cs", Shapes.Replace("int Y)", "int Y, int Z)")));

        Assert.Contains("\"Z\"", Source(driver, RecordsSource));
    }

    [Fact]
    public void A_constant_changed_in_another_file_reaches_the_task_attribute()
    {
        var (compilation, driver) = Start();
        Assert.Contains("Retries = 2,", Source(driver, AreaSource));

        driver = driver.RunGenerators(Replace(compilation, "Limits.cs", Limits.Replace("Retries = 2;", "Retries = 5;")));

        Assert.Contains("Retries = 5,", Source(driver, AreaSource));
    }

    [Fact]
    public void A_type_declared_in_another_file_that_now_binds_the_parameter_reaches_the_task()
    {
        var (compilation, driver) = Start();
        Assert.Contains("global::Shapes.Point", Source(driver, AreaSource));

        // Demo.Point is nearer to the task than the imported Shapes.Point: the parameter binds to it now.
        var shadowing = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "namespace Demo; public sealed record Point(int X, int Y);", GeneratorHarness.ParseOptions, "DemoPoint.cs"));
        driver = driver.RunGenerators(shadowing);

        string source = Source(driver, AreaSource);
        Assert.Contains("global::Demo.Point", source);
        Assert.DoesNotContain("global::Shapes.Point", source);
    }

    [Fact]
    public void A_body_edit_in_another_file_leaves_the_task_unchanged()
    {
        var (compilation, driver) = Start();
        string before = Source(driver, AreaSource);

        driver = driver.RunGenerators(Replace(compilation, "Limits.cs", Limits.Replace("x + 1", "x + 2")));

        Assert.Equal(before, Source(driver, AreaSource));
        var run = driver.GetRunResult().Results.Single();
        Assert.All(run.TrackedSteps[FlyteGenerator.TrackingNames.Tasks].SelectMany(s => s.Outputs),
            output => Assert.Contains(output.Reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
    }

    [Fact]
    public void A_record_changed_in_a_referenced_project_reaches_the_task()
    {
        var shapes = GeneratorHarness.Compile(("Shapes.cs", Shapes));
        var compilation = GeneratorHarness.Compile(("Tasks.cs", Tasks), ("Limits.cs", Limits)).AddReferences(shapes.ToMetadataReference());
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        Assert.DoesNotContain("\"Z\"", Source(driver, RecordsSource));

        // The project it references gains a property; this project's files are untouched.
        var newShapes = GeneratorHarness.Compile(("Shapes.cs", Shapes.Replace("int Y)", "int Y, int Z)")));
        var updated = compilation.ReplaceReference(compilation.References.Last(), newShapes.ToMetadataReference());
        driver = driver.RunGenerators(updated);

        Assert.Contains("\"Z\"", Source(driver, RecordsSource));
    }

    [Fact]
    public void A_diagnostic_in_another_file_moves_with_an_edit_there()
    {
        const string Env = """
            using Flyte;

            namespace Demo;

            public static class Helper
            {
                public static int Twice(int x) => x * 2;
            }

            [TaskEnvironment("Not A Valid Name")]
            public static partial class Jobs;
            """;
        const string Jobs = """
            using Flyte;

            namespace Demo;

            public static partial class Jobs
            {
                [Task]
                public static int Run(int x) => x;
            }
            """;
        var compilation = GeneratorHarness.Compile(("Env.cs", Env), ("Jobs.cs", Jobs));
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var before = Assert.Single(driver.GetRunResult().Diagnostics);

        // Lines inside a method body: no declaration changes, but the environment's attribute moves down three lines.
        driver = driver.RunGenerators(Replace(compilation, "Env.cs", Env.Replace("=> x * 2;", "\n        =>\n        x\n        * 2;")));

        var after = Assert.Single(driver.GetRunResult().Diagnostics);
        Assert.Equal(before.Id, after.Id);
        Assert.Equal(before.Location.GetLineSpan().StartLinePosition.Line + 3, after.Location.GetLineSpan().StartLinePosition.Line);
    }

    private static (Compilation, GeneratorDriver) Start()
    {
        var compilation = GeneratorHarness.Compile(("Tasks.cs", Tasks), ("Shapes.cs", Shapes), ("Limits.cs", Limits));
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        Assert.Empty(driver.GetRunResult().Diagnostics);
        return (compilation, driver);
    }

    private static string Source(GeneratorDriver driver, string hintName) =>
        driver.GetRunResult().Results.Single().GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();

    private static Compilation Replace(Compilation compilation, string path, string source)
    {
        var old = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions, path));
    }
}
