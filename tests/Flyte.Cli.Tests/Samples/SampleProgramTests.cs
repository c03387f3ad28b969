using Flyte.Cli.Tests.Infrastructure;

namespace Flyte.Cli.Tests.Samples;

/// <summary>The samples' own programs (what <c>dotnet run --project samples/…</c> runs) print the expected results.</summary>
public sealed class SampleProgramTests : IDisposable
{
    private readonly TemporaryDirectory _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public void Quickstart_program_prints_the_mean_of_squares()
    {
        var (exitCode, output) = Run(TaskAssemblies.Quickstart, "10");

        Assert.True(exitCode == 0, output);
        Assert.Contains("a0 quickstart.MeanOfSquares SUCCEEDED", output);
        Assert.Contains("MeanOfSquares(n: 10) = 28.5", output);
    }

    [Fact]
    public void DataPipeline_program_retries_the_flaky_fetch_and_reports()
    {
        var (exitCode, output) = Run(TaskAssemblies.DataPipeline, "12");

        Assert.True(exitCode == 0, output);
        Assert.Contains("data-pipeline.Fetch SUCCEEDED", output);
        Assert.Contains("attempts=2", output);
        Assert.Contains("attic: 4 readings, mean 15.5, max 21; cellar: 4 readings, mean 16, max 20; garden: 4 readings, mean 16.5, max 22", output);
    }

    [Fact]
    public void Training_program_runs_its_folds_as_one_group()
    {
        var (exitCode, output) = Run(TaskAssemblies.Training, "4");

        Assert.True(exitCode == 0, output);
        Assert.Contains("  [group folds] 4 actions\n", output.Replace("\r\n", "\n"));
        Assert.Equal(4, output.Split('\n').Count(line => line.StartsWith("    ", StringComparison.Ordinal) && line.Contains(" training.TrainFold SUCCEEDED", StringComparison.Ordinal)));
        Assert.Contains("CrossValidate(folds: 4) = 0.1634", output);
    }

    private (int ExitCode, string Output) Run(string assembly, string argument)
    {
        // Runs and cache go to a scratch home, so tests share nothing.
        var result = ChildProcess.Run("dotnet", ["exec", assembly, argument], new Dictionary<string, string?> { ["FLYTE_HOME"] = _home.Path }, TimeSpan.FromMinutes(2));
        return (result.ExitCode, result.Output);
    }
}
