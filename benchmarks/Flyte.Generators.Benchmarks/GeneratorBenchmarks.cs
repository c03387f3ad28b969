using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Flyte.Generators.Benchmarks;

/// <summary>
/// A project of 500 tasks and 200 records: the generator's full run (the baseline), and its run after a
/// one-character edit in one task's body, which only that task's source depends on. The target is a ratio of at most
/// 0.10. Each run gets a compilation of its own, as each edit in an IDE does: nothing the compiler bound for an earlier
/// run (attributes, symbols) is there to reuse.
/// Two categories: "cold", where the generator is the first to ask the new compilation for its symbols and pays for
/// binding them, and "bound", where the compiler has bound every declaration first (as it does to report declaration
/// errors), so that what is measured is the generator's own work.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 25, invocationCount: 1)]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class GeneratorBenchmarks
{
    private static readonly CSharpParseOptions ParseOptions = CSharpParseOptions.Default
        .WithLanguageVersion(LanguageVersion.Preview)
        .WithFeatures([new("InterceptorsNamespaces", "Flyte.Generated")]);

    private CSharpCompilation _compilation = null!;
    private SyntaxTree _stage = null!;
    private SyntaxTree _editedStage = null!;
    private CSharpCompilation _fresh = null!;
    private CSharpCompilation _freshEdited = null!;
    private GeneratorDriver _warm = null!;
    private GeneratorDriver _warmFloor = null!;

    /// <summary>For <see cref="StepTimes"/>: record each step's time and reason.</summary>
    internal bool TrackSteps { get; init; }

    [GlobalSetup]
    public void SetUp()
    {
        var trees = SyntheticProject.TaskFiles()
            .Append(("Records.cs", SyntheticProject.RecordsFile()))
            .Select(file => CSharpSyntaxTree.ParseText(file.Item2, ParseOptions, file.Item1))
            .ToList();
        _compilation = CSharpCompilation.Create("Synthetic", trees, References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        // One character of one task's body: "+ 250" becomes "+ 251".
        var stage = trees.Single(t => t.FilePath == "Stage25.cs");
        string text = stage.ToString();
        string edited = text.Replace("+ 250 }", "+ 251 }", StringComparison.Ordinal);
        if (edited == text)
        {
            throw new InvalidOperationException("the edit found nothing to change");
        }
        _stage = stage;
        _editedStage = CSharpSyntaxTree.ParseText(edited, ParseOptions, stage.FilePath);
        _warm = NewDriver().RunGenerators(_compilation);
        _warmFloor = FloorDriver().RunGenerators(_compilation);

        var problems = _warm.GetRunResult().Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        int definitions = _warm.GetRunResult().GeneratedTrees
            .Sum(tree => tree.ToString().Split('\n').Count(line => line.Contains(": global::Flyte.Tasks.TaskDefinition", StringComparison.Ordinal)));
        if (problems.Count > 0 || definitions != SyntheticProject.Tasks)
        {
            throw new InvalidOperationException($"the synthetic project does not generate cleanly: {string.Join("; ", problems)}");
        }
    }

    /// <summary>
    /// For the edits: a new compilation of the same syntax trees but the edited one, which is parsed anew each time, as
    /// an editor does. The driver matches trees by identity, so only the edited one is new to it.
    /// </summary>
    [IterationSetup(Targets = [nameof(EditOneTaskBody), nameof(EditUnderFloorGenerator)])]
    public void NewCompilations()
    {
        var edited = CSharpSyntaxTree.ParseText(_editedStage.GetText(), ParseOptions, _editedStage.FilePath);
        _freshEdited = _compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(_compilation.SyntaxTrees).ReplaceSyntaxTree(_stage, edited);
        CleanHeap();
    }

    /// <summary>For the full run: every file parsed anew, so nothing an earlier run saw is there to reuse.</summary>
    [IterationSetup(Targets = [nameof(FullRun)])]
    public void NewProject()
    {
        _fresh = _compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(
            _compilation.SyntaxTrees.Select(tree => CSharpSyntaxTree.ParseText(tree.GetText(), ParseOptions, tree.FilePath)));
        CleanHeap();
    }

    [IterationSetup(Targets = [nameof(EditOneTaskBodyBound), nameof(EditUnderFloorGeneratorBound)])]
    public void NewBoundCompilations()
    {
        NewCompilations();
        _freshEdited.GetDeclarationDiagnostics();
        CleanHeap();
    }

    [IterationSetup(Targets = [nameof(FullRunBound)])]
    public void NewBoundProject()
    {
        NewProject();
        _fresh.GetDeclarationDiagnostics();
        CleanHeap();
    }

    /// <summary>Each run starts on a clean heap: a full run allocates some 80 MB, and a collection it inherits from
    /// the iteration before is noise.</summary>
    private static void CleanHeap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    [Benchmark(Baseline = true, Description = "full run"), BenchmarkCategory("cold")]
    public GeneratorDriver FullRun() => NewDriver().RunGenerators(_fresh);

    [Benchmark(Description = "after a one-character edit in one task's body"), BenchmarkCategory("cold")]
    public GeneratorDriver EditOneTaskBody() => _warm.RunGenerators(_freshEdited);

    /// <summary>The same edit under <see cref="FloorGenerator"/>: what finding the tasks again costs any attribute-driven generator.</summary>
    [Benchmark(Description = "floor: the same edit, a generator that only finds the tasks"), BenchmarkCategory("cold")]
    public GeneratorDriver EditUnderFloorGenerator() => _warmFloor.RunGenerators(_freshEdited);

    [Benchmark(Baseline = true, Description = "full run"), BenchmarkCategory("bound")]
    public GeneratorDriver FullRunBound() => FullRun();

    [Benchmark(Description = "after a one-character edit in one task's body"), BenchmarkCategory("bound")]
    public GeneratorDriver EditOneTaskBodyBound() => EditOneTaskBody();

    [Benchmark(Description = "floor: the same edit, a generator that only finds the tasks"), BenchmarkCategory("bound")]
    public GeneratorDriver EditUnderFloorGeneratorBound() => EditUnderFloorGenerator();

    private static GeneratorDriver FloorDriver() => CSharpGeneratorDriver.Create(
        [new FloorGenerator().AsSourceGenerator()], parseOptions: ParseOptions);

    private GeneratorDriver NewDriver() => CSharpGeneratorDriver.Create(
        [new FlyteGenerator().AsSourceGenerator()],
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: TrackSteps));

    private static IEnumerable<MetadataReference> References()
    {
        string trusted = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        return trusted.Split(Path.PathSeparator)
            .Append(typeof(Flyte.TaskAttribute).Assembly.Location)
            .Distinct()
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path));
    }
}
