using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Flyte.Generators.Tests;

/// <summary>Compiles C# source with the Flyte generator, as a project referencing Flyte.Sdk would.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = CSharpParseOptions.Default
        .WithLanguageVersion(LanguageVersion.Preview)
        .WithFeatures([new("InterceptorsNamespaces", "Flyte.Generated")]);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    public static CSharpCompilation Compile(params (string Path, string Source)[] files) =>
        CSharpCompilation.Create(
            "Sample",
            files.Select(f => CSharpSyntaxTree.ParseText(f.Source, ParseOptions, f.Path)),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                // The .NET SDK silences these binding-redirect notes too.
                .WithSpecificDiagnosticOptions([new("CS1701", ReportDiagnostic.Suppress), new("CS1702", ReportDiagnostic.Suppress)]));

    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            [new FlyteGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator; returns the generated sources and the final compilation's diagnostics.</summary>
    public static Result Run(params (string Path, string Source)[] files)
    {
        var compilation = Compile(files);
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var run = driver.GetRunResult();
        var sources = run.Results.SelectMany(r => r.GeneratedSources).ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        return new Result(sources, generatorDiagnostics, output.GetDiagnostics(), output);
    }

    public sealed record Result(
        IReadOnlyDictionary<string, string> Sources,
        ImmutableArray<Diagnostic> GeneratorDiagnostics,
        ImmutableArray<Diagnostic> CompilationDiagnostics,
        Compilation Output)
    {
        /// <summary>Warnings count as errors in this repository, so they fail here too.</summary>
        public IEnumerable<Diagnostic> Problems =>
            CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning);
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        string trusted = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        var paths = trusted.Split(Path.PathSeparator).ToList();
        paths.Add(typeof(Flyte.TaskAttribute).Assembly.Location);
        paths.Add(typeof(Flyteidl2.Core.Literal).Assembly.Location);
        paths.Add(typeof(Google.Protobuf.ByteString).Assembly.Location);
        paths.Add(typeof(MessagePack.MessagePackWriter).Assembly.Location);
        return paths.Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    }
}
