namespace Flyte.Generators.Tests;

public class GoldenFileTests
{
    internal static void AssertNoDiagnostics(GeneratorHarness.Result result)
    {
        var all = result.GeneratorDiagnostics.Concat(result.Problems).ToList();
        Assert.True(all.Count == 0, "unexpected diagnostics:\n" + string.Join("\n", all));
    }

    [Fact]
    public void All_types_and_options_generate_the_baseline_source()
    {
        var result = GeneratorHarness.Run(("AllTypes.cs", TestSources.AllTypes));

        Baselines.Verify("AllTypes", result.Sources);
        AssertNoDiagnostics(result);
    }

    [Fact]
    public void Traces_of_every_return_kind_generate_the_baseline_source()
    {
        var result = GeneratorHarness.Run(("Traces.cs", TestSources.Traces));

        Baselines.Verify("Traces", result.Sources);
        AssertNoDiagnostics(result);
    }

    [Fact]
    public void Triggers_generate_the_baseline_source()
    {
        var result = GeneratorHarness.Run(("Triggers.cs", TestSources.Triggers));

        Baselines.Verify("Triggers", result.Sources);
        AssertNoDiagnostics(result);
    }

    [Fact]
    public void Remote_tasks_generate_the_baseline_source()
    {
        var result = GeneratorHarness.Run(("RemoteTasks.cs", TestSources.RemoteTasks));

        Baselines.Verify("RemoteTasks", result.Sources);
        AssertNoDiagnostics(result);
    }

    [Fact]
    public void Reusable_environments_generate_the_baseline_source()
    {
        var result = GeneratorHarness.Run(("Reusable.cs", TestSources.Reusable));

        Baselines.Verify("Reusable", result.Sources);
        AssertNoDiagnostics(result);
    }

    [Fact]
    public void Quickstart_generates_the_baseline_source()
    {
        string quickstart = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "Quickstart", "Quickstart.cs"));

        var result = GeneratorHarness.Run(("Quickstart.cs", "using System; using System.Linq; using System.Threading.Tasks;\n" + quickstart));

        Baselines.Verify("Quickstart", result.Sources);
        AssertNoDiagnostics(result);
    }
}
