using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Flyte.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Flyte.Generators.Tests;

/// <summary>
/// The code on each diagnostic's page (docs/diagnostics/FLYnnn.md) is real: every block under "Wrong" gets the page's
/// diagnostic from the generator or its analyzer, and every block under "Fixed" compiles with no diagnostic at all.
/// </summary>
public partial class DiagnosticPageExampleTests
{
    private static readonly string PagesFolder = Path.Combine(RepositoryPaths.Root, "docs", "diagnostics");

    /// <summary>What a project using Flyte has in scope (the SDK's implicit usings and the .NET SDK's).</summary>
    private const string Usings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using Flyte;
        """;

    public static TheoryData<string> Pages()
    {
        var data = new TheoryData<string>();
        foreach (string page in Directory.GetFiles(PagesFolder, "FLY*.md").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(page));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Each_wrong_example_gets_the_diagnostic(string id)
    {
        var blocks = CodeBlocks(id, "Wrong");
        Assert.NotEmpty(blocks);

        foreach (string block in blocks)
        {
            var ids = await FlyteDiagnosticIds(Compile(block));
            Assert.True(ids.Contains(id), $"{id}.md: this Wrong example gets [{string.Join(", ", ids)}], not {id}:\n{block}");
        }
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Each_fixed_example_compiles_clean(string id)
    {
        var blocks = CodeBlocks(id, "Fixed");
        Assert.NotEmpty(blocks);

        foreach (string block in blocks)
        {
            var result = Compile(block);
            var ids = await FlyteDiagnosticIds(result);
            Assert.True(ids.Count == 0, $"{id}.md: this Fixed example gets [{string.Join(", ", ids)}]:\n{block}");
            Assert.True(!result.Problems.Any(), $"{id}.md: this Fixed example does not compile clean: {string.Join("; ", result.Problems)}\n{block}");
        }
    }

    /// <summary>The FLY ids the generator and the method-group analyzer report for one example.</summary>
    private static GeneratorHarness.Result Compile(string block) => GeneratorHarness.Run(("Usings.cs", Usings), ("Example.cs", block));

    private static async Task<HashSet<string>> FlyteDiagnosticIds(GeneratorHarness.Result result)
    {
        var analyzer = await result.Output
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new MethodGroupAnalyzer()))
            .GetAnalyzerDiagnosticsAsync();
        return result.GeneratorDiagnostics.Concat(analyzer)
            .Select(d => d.Id)
            .Where(i => i.StartsWith("FLY", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The ```csharp blocks of one "## {section}" of a page.</summary>
    private static List<string> CodeBlocks(string id, string section)
    {
        string page = File.ReadAllText(Path.Combine(PagesFolder, id + ".md")).Replace("\r\n", "\n");
        var match = Regex.Match(page, $"^## {section}\\n(.*?)(?=^## |\\z)", RegexOptions.Multiline | RegexOptions.Singleline);
        Assert.True(match.Success, $"{id}.md has no '## {section}' section");
        return CodeBlock().Matches(match.Groups[1].Value).Select(m => m.Groups[1].Value).ToList();
    }

    [GeneratedRegex("^```csharp\\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CodeBlock();
}
