using Microsoft.CodeAnalysis;

namespace Flyte.Generators.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release -- steps</c>: the generator's slowest incremental steps in the run after the one-character
/// edit, to see where an edit's cost goes (not a measurement: one run, steps tracked).
/// </summary>
internal static class StepTimes
{
    public static void Print()
    {
        var benchmarks = new GeneratorBenchmarks { TrackSteps = true };
        benchmarks.SetUp();
        for (int i = 0; i < 3; i++)
        {
            benchmarks.NewCompilations();
            benchmarks.EditOneTaskBody();
        }
        benchmarks.NewCompilations();
        var driver = benchmarks.EditOneTaskBody();
        var run = driver.GetRunResult().Results.Single();
        Console.WriteLine($"driver time {driver.GetTimingInfo().ElapsedTime.TotalMilliseconds:F1} ms");
        var steps = run.TrackedSteps.Concat(run.TrackedOutputSteps)
            .Select(pair => (pair.Key, Time: pair.Value.Sum(s => s.ElapsedTime.TotalMilliseconds), Runs: pair.Value.Length,
                Reasons: string.Join(",", pair.Value.SelectMany(s => s.Outputs).GroupBy(o => o.Reason).Select(g => $"{g.Key}:{g.Count()}"))))
            .OrderByDescending(s => s.Time);
        foreach (var step in steps)
        {
            Console.WriteLine($"{step.Time,10:F1} ms  {step.Runs,5} runs  {step.Key}  {step.Reasons}");
        }
    }
}
