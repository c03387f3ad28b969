using Microsoft.CodeAnalysis;

namespace Flyte.Generators.Tests;

/// <summary>Every FLY diagnostic: its id, severity, and the exact span it points at.</summary>
public class DiagnosticTests
{
    private const string Usings = "using System; using System.Collections.Generic; using System.Threading.Tasks; using Flyte;\n";

    [Theory]
    [InlineData("FLY001", "public static partial class C { [Task] public int [|M|](int x) => x; }")]
    [InlineData("FLY002", "public static class [|C|] { [Task] public static int M(int x) => x; }")]
    [InlineData("FLY003", "public static partial class C { [Task] public static int M(System.IO.Stream [|s|]) => 1; }")]
    [InlineData("FLY003", "public static partial class C { [Task] public static int M(Dictionary<int, string> [|m|]) => 1; }")]
    [InlineData("FLY003", "public sealed record R(FlyteFile F); public static partial class C { [Task] public static int M(R [|r|]) => 1; }")]
    [InlineData("FLY003", "public sealed record R(DataFrame Table); public static partial class C { [Task] public static int M(R [|r|]) => 1; }")]
    [InlineData("FLY004", "public static partial class C { [Task] public static Task<object> [|M|](int x) => null!; }")]
    [InlineData("FLY006", "public static partial class C { [Task] public static int M(ref int [|x|]) => x; }")]
    [InlineData("FLY006", "public static partial class C { [Task] public static int M(params int[] [|xs|]) => 1; }")]
    [InlineData("FLY006", "public static partial class C { [Task] public static void M(out int [|x|]) { x = 1; } }")]
    [InlineData("FLY007", "public static partial class C { [Task] public static T [|M|]<T>(T x) => x; }")]
    [InlineData("FLY008", "public static partial class C { [Task([|Retries = -1|])] public static int M(int x) => x; }")]
    [InlineData("FLY008", "public static partial class C { [Task([|Memory = \"lots\"|])] public static int M(int x) => x; }")]
    [InlineData("FLY008", "public static partial class C { [Task([|Cpu = \"1 core\"|])] public static int M(int x) => x; }")]
    [InlineData("FLY008", "public static partial class C { [Task([|Timeout = \"soon\"|])] public static int M(int x) => x; }")]
    [InlineData("FLY008", "public static partial class C { [Task([|Env = new[] { \"1BAD=x\" }|])] public static int M(int x) => x; }")]
    [InlineData("FLY008", "public static partial class C { [Task(Cache = true, [|CacheIgnoredInputs = new[] { \"y\" }|])] public static int M(int x) => x; }")]
    [InlineData("FLY008", "public static partial class C { [Task([|Secrets = new[] { \"a/b/c\" }|])] public static int M(int x) => x; }")]
    [InlineData("FLY008", "public static partial class C { [Task([|Secrets = new[] { \"db.password\" }|])] public static int M(int x) => x; }")]
    [InlineData("FLY008", "public static partial class C { [Task([|Secrets = new[] { \"1st/key\" }|])] public static int M(int x) => x; }")]
    [InlineData("FLY009", "[TaskEnvironment([|\"Bad Name\"|])] public static partial class C { [Task] public static int M(int x) => x; }")]
    [InlineData("FLY010", "public static partial class C { [Workflow] public static int [|M|](int x) => x + 1; }")]
    [InlineData("FLY011", "public static partial class C { [Task, Workflow] public static int [|M|](int x) => x; }")]
    [InlineData("FLY008", "[TaskEnvironment(\"env\", [|Memory = \"1 GB\"|])] public static partial class C { [Task] public static int M(int x) => x; }")]
    [InlineData("FLY012", "public static partial class [|C|]<T> { [Task] public static int M(int x) => x; }")]
    [InlineData("FLY012", "public static partial class O { private static partial class [|C|] { [Task] public static int M(int x) => x; } }")]
    [InlineData("FLY001", "public partial class C { [Trace] public int [|M|](int x) => x; }")]
    [InlineData("FLY003", "public static class C { [Trace] public static int M(System.IO.Stream [|s|]) => 1; }")]
    [InlineData("FLY004", "public static class C { [Trace] public static object [|M|](int x) => x; }")]
    [InlineData("FLY006", "public static class C { [Trace] public static int M(ref int [|x|]) => x; }")]
    [InlineData("FLY007", "public static class C { [Trace] public static T [|M|]<T>(T x) => x; }")]
    [InlineData("FLY014", "public static partial class C { [Task, Trace] public static int [|M|](int x) => x; }")]
    [InlineData("FLY014", "public static partial class C { [Task] public static int T(int x) => x; [Trace] [Workflow] public static int [|M|](int x) => T(x); }")]
    [InlineData("FLY015", "public static class C { [Trace] private static int [|M|](int x) => x; }")]
    [InlineData("FLY015", "public static class O { private static class I { [Trace] internal static int [|M|](int x) => x; } }")]
    [InlineData("FLY015", "public static class O<T> { [Trace] public static int [|M|](int x) => x; }")]
    [InlineData("FLY016", "public static partial class C { [Task] [[|Trigger(\"nightly\", Cron = \"0 2 * *\")|]] public static int M(int x) => x; }")]
    [InlineData("FLY016", "public static partial class C { [Task] [[|Trigger(\"both\", Cron = \"0 2 * * *\", EveryMinutes = 5)|]] public static int M(int x) => x; }")]
    [InlineData("FLY016", "public static partial class C { [Task] [[|Trigger(\"t\", EveryMinutes = 5, TimeInput = \"x\")|]] public static int M(int x) => x; }")]
    [InlineData("FLY016", "public static partial class C { [Task] [[|Trigger(\"t\", EveryMinutes = 5, Inputs = new[] { \"x=seven\" })|]] public static int M(int x) => x; }")]
    [InlineData("FLY016", "public static partial class C { [Task] [[|Trigger(\"t\", EveryMinutes = 5, Inputs = new[] { \"y=1\" })|]] public static int M(int x) => x; }")]
    [InlineData("FLY016", "public static partial class C { [Task] [[|Trigger(\"bad name!\", EveryMinutes = 5)|]] public static int M(int x) => x; }")]
    [InlineData("FLY016", "public static partial class C { [Task] [Trigger(\"t\", EveryMinutes = 5)] [[|Trigger(\"t\", EveryMinutes = 10)|]] public static int M(int x) => x; }")]
    [InlineData("FLY018", "[Reusable([|Replicas = 0|])] public static partial class C { [Task] public static int M(int x) => x; }")]
    [InlineData("FLY018", "[Reusable(Replicas = 2, [|MinReplicas = 3|])] public static partial class C { [Task] public static int M(int x) => x; }")]
    [InlineData("FLY018", "[Reusable([|MinReplicas = -1|])] public static partial class C { [Task] public static int M(int x) => x; }")]
    [InlineData("FLY018", "[Reusable([|Concurrency = 0|])] public static partial class C { [Task] public static int M(int x) => x; }")]
    [InlineData("FLY018", "[Reusable([|IdleTtl = \"10s\"|])] public static partial class C { [Task] public static int M(int x) => x; }")]
    [InlineData("FLY018", "[Reusable([|ScaledownTtl = \"soon\"|])] public static partial class C { [Task] public static int M(int x) => x; }")]
    [InlineData("FLY017", "public static partial class C { [RemoteTask(\"ml.train\")] public static Task<int> [|M|](int x) => Task.FromResult(x); }")]
    [InlineData("FLY017", "public static partial class C { [RemoteTask(\"ml.train\")] public static partial int [|M|](int x); }")]
    [InlineData("FLY017", "public static partial class C { [RemoteTask(\"ml.train\")] public partial Task<int> [|M|](int x); }")]
    [InlineData("FLY017", "public static partial class C { [RemoteTask(\"ml.train\")] public static partial Task<int> M(int x, Flyte.Tasks.ITaskContext [|context|]); }")]
    [InlineData("FLY017", "public static partial class C { [RemoteTask([|\" \"|])] public static partial Task<int> M(int x); }")]
    [InlineData("FLY017", "public static partial class C { [Task] [RemoteTask(\"ml.train\")] public static partial Task<int> [|M|](int x); }")]
    public void Reports_the_diagnostic_at_its_span(string id, string markedSource)
    {
        var (source, expectedSpan) = Markup.Parse(Usings + markedSource);

        var result = GeneratorHarness.Run(("Test.cs", source));

        var diagnostic = Assert.Single(result.GeneratorDiagnostics, d => d.Id == id);
        Assert.Equal(expectedSpan, diagnostic.Location.SourceSpan);
        Assert.Equal(id == "FLY010" ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id != id);
    }

    [Fact]
    public void Duplicate_task_names_point_at_the_second_method()
    {
        var (source, expectedSpan) = Markup.Parse(Usings + """
            [TaskEnvironment("shared")] public static partial class A { [Task] public static int Run(int x) => x; }
            [TaskEnvironment("shared")] public static partial class B { [Task] public static int [|Run|](int x) => x; }
            """);

        var result = GeneratorHarness.Run(("Test.cs", source));

        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("FLY005", diagnostic.Id);
        Assert.Equal(expectedSpan, diagnostic.Location.SourceSpan);
        Assert.Contains("'shared.Run'", diagnostic.GetMessage());
    }

    [Fact]
    public void Unsupported_type_message_names_the_type_and_the_supported_list()
    {
        var result = GeneratorHarness.Run(("Test.cs", Usings + "public static partial class C { [Task] public static int M(System.IO.Stream s) => 1; }"));

        string message = Assert.Single(result.GeneratorDiagnostics).GetMessage();
        Assert.Contains("'Stream'", message);
        Assert.Contains("IReadOnlyDictionary<string, T>", message);
    }

    [Fact]
    public void A_task_call_with_the_wrong_argument_type_is_a_compile_error()
    {
        // Task calls are plain C# calls, so the compiler itself checks them (CS1503), before any Flyte code runs.
        var (source, span) = Markup.Parse(Usings + """
            public static partial class C
            {
                [Task] public static int Inc(int x) => x + 1;
                [Workflow] public static int Flow(string s) => Inc([|s|]);
            }
            """);

        var result = GeneratorHarness.Run(("Test.cs", source));

        var error = Assert.Single(result.CompilationDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("CS1503", error.Id);
        Assert.Equal(span, error.Location.SourceSpan);
    }

    [Fact]
    public void Workflow_that_calls_a_task_gets_no_warning()
    {
        var result = GeneratorHarness.Run(("Test.cs", Usings + """
            public static partial class C
            {
                [Task] public static int Inc(int x) => x + 1;
                [Workflow] public static int Twice(int x) => Inc(Inc(x));
            }
            """));

        GoldenFileTests.AssertNoDiagnostics(result);
    }
}
