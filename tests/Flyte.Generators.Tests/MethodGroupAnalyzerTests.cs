using System.Collections.Immutable;
using Flyte.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Flyte.Generators.Tests;

public class MethodGroupAnalyzerTests
{
    private const string Source = """
        using System.Linq;
        using System.Threading.Tasks;
        using Flyte;

        public static partial class C
        {
            [Task] public static Task<int> Square(int x) => Task.FromResult(x * x);

            [Workflow]
            public static async Task<int[]> Squares(int n) => await Task.WhenAll(Enumerable.Range(0, n).Select([|Square|]));

            [Workflow]
            public static async Task<int[]> Routed(int n) => await Task.WhenAll(Enumerable.Range(0, n).Select(i => Square(i)));
        }
        """;

    [Fact]
    public async Task Method_group_use_of_a_task_is_reported_and_lambda_calls_are_not()
    {
        var (source, span) = Markup.Parse(Source);
        var compilation = GeneratorHarness.Compile(("C.cs", source));

        var diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new MethodGroupAnalyzer()))
            .GetAnalyzerDiagnosticsAsync();

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("FLY013", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        Assert.Contains("x => Square(x)", diagnostic.GetMessage());
    }
}
