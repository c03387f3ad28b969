using Microsoft.CodeAnalysis;

namespace Flyte.Generators.Tests;

/// <summary>
/// Code no sample here has: overloads, names that collide once flattened, namespaces that merely start like the
/// framework's. Each case once broke the build or dropped every task (issue 17); the build must now succeed, or fail
/// with the one diagnostic that says what to change, and generate everything else.
/// </summary>
public class RealWorldCodeTests
{
    private const string Usings = "using System; using System.Collections.Generic; using System.Threading.Tasks; using Flyte;\n";

    [Fact]
    public void Overloads_report_FLY005_on_the_second_with_both_locations_and_the_rest_is_generated()
    {
        var (source, secondSpan) = Markup.Parse(Usings + """
            namespace Shapes;
            public static partial class Geometry
            {
                [Task] public static double Area(double r) => Math.PI * r * r;
                [Task] public static double [|Area|](double w, double h) => w * h;
                [Task] public static double Perimeter(double w, double h) => 2 * (w + h);
            }
            """);

        var result = GeneratorHarness.Run(("Geometry.cs", source));

        var duplicate = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("FLY005", duplicate.Id);
        Assert.Equal(secondSpan, duplicate.Location.SourceSpan);
        var first = Assert.Single(duplicate.AdditionalLocations);
        Assert.Equal(source.IndexOf("Area(double r)", StringComparison.Ordinal), first.SourceSpan.Start);
        Assert.Contains("Geometry.Area(double)", duplicate.GetMessage());
        Assert.Contains("Geometry.Area(double, double)", duplicate.GetMessage());
        // The first overload and every other task are generated and compile; no generator exception (CS8785).
        string geometry = result.Sources["Shapes.Geometry.FlyteTasks.g.cs"];
        Assert.Contains("public sealed class AreaTask ", geometry);
        Assert.Contains("public sealed class PerimeterTask ", geometry);
        Assert.Contains("FlyteTaskTable.g.cs", result.Sources.Keys);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Overloads_called_from_a_workflow_intercept_only_the_generated_one()
    {
        var result = GeneratorHarness.Run(("Geometry.cs", Usings + """
            namespace Shapes;
            public static partial class Geometry
            {
                [Task] public static double Area(double r) => Math.PI * r * r;
                [Task] public static double Area(double w, double h) => w * h;
                [Workflow] public static double Both(double x) => Area(x) + Area(x, x);
            }
            """));

        Assert.Equal("FLY005", Assert.Single(result.GeneratorDiagnostics).Id);
        Assert.Empty(result.Problems);
        string interceptors = result.Sources["FlyteInterceptors.g.cs"];
        Assert.Single(interceptors.Split('\n'), line => line.Contains("InterceptsLocation(", StringComparison.Ordinal));
    }

    [Fact]
    public void Types_whose_flattened_names_collide_get_distinct_definitions()
    {
        var result = GeneratorHarness.Run(
            ("BC.cs", Usings + "namespace A { [TaskEnvironment(\"one\")] public static partial class B_C { [Task] public static int M(int x) => x; } }"),
            ("B.C.cs", Usings + "namespace A.B { [TaskEnvironment(\"two\")] public static partial class C { [Task] public static int M(int x) => x + 1; } }"),
            // A nested class: A.B+C cannot live beside namespace A.B in one assembly, so it sits in namespace Z.
            ("Nested.cs", Usings + "namespace Z { public static partial class B { [TaskEnvironment(\"three\")] public static partial class C { [Task] public static int M(int x) => x + 2; } } }"));

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.Problems);
        Assert.Contains("A.B_C.FlyteTasks.g.cs", result.Sources.Keys);
        Assert.Contains("A.B.C.FlyteTasks.g.cs", result.Sources.Keys);
        Assert.Contains("Z.B+C.FlyteTasks.g.cs", result.Sources.Keys);
    }

    [Fact]
    public void Records_whose_flattened_names_collide_get_their_own_converters()
    {
        var result = GeneratorHarness.Run(
            ("BC.cs", Usings + "namespace A { public sealed record B_C(int X); }"),
            ("B.C.cs", Usings + "namespace A.B { public sealed record C(string Y); }"),
            ("Tasks.cs", Usings + "namespace Demo { public static partial class T { [Task] public static int M(A.B_C first, A.B.C second) => first.X + second.Y.Length; } }"));

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.Problems);
        string records = result.Sources["FlyteRecords.g.cs"];
        Assert.Contains("class A_DB_UCConverter", records);
        Assert.Contains("class A_DB_DCConverter", records);
    }

    [Fact]
    public void A_task_named_like_a_member_of_its_definition_compiles()
    {
        var result = GeneratorHarness.Run(("Names.cs", Usings + """
            namespace Odd;
            public static partial class Names
            {
                [Task] public static int Instance(int x) => x;
                [Task] public static int InstanceTask(int x) => x;
                [Task] public static int InvokeAsync(int x) => x;
                [Task] public static int Fake(int x) => x;
            }
            """));

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.Problems);
        string names = result.Sources["Odd.Names.FlyteTasks.g.cs"];
        Assert.Equal(4, names.Split('\n').Count(line => line.Contains(": global::Flyte.Tasks.TaskDefinition", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_record_in_a_namespace_that_starts_with_System_is_a_record()
    {
        var result = GeneratorHarness.Run(("Sample.cs", Usings + """
            namespace SystemsBiology
            {
                public sealed record Sample(string Gene, double Expression);
                public static partial class Assays
                {
                    [Task] public static double Expression(Sample sample) => sample.Expression;
                }
            }
            """));

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void A_framework_type_with_public_properties_is_still_no_record()
    {
        var result = GeneratorHarness.Run(("Uri.cs", Usings + "public static partial class C { [Task] public static int M(Uri u) => 1; }"));

        Assert.Equal("FLY003", Assert.Single(result.GeneratorDiagnostics).Id);
    }

}
