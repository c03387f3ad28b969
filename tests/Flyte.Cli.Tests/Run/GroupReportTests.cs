using Flyte.Cli.Tests.Infrastructure;

namespace Flyte.Cli.Tests.Run;

/// <summary><c>flyte run --local</c> of samples/Training: the run report shows the folds' group as a folder, each fold's
/// trace under it, and where the workflow's HTML report is; the data source's secret comes from the environment.</summary>
public sealed class GroupReportTests : IDisposable
{
    private readonly TemporaryDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    private static readonly Dictionary<string, string> DataToken = new() { ["DATA_TOKEN"] = "t0ken" };

    [Fact]
    public async Task Without_the_secret_the_run_fails_naming_it_before_the_task_runs()
    {
        var result = await LocalRun.RunAsync(_scratch, TaskAssemblies.Training, "training.CrossValidate", "--folds", "3");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("data-token", result.ToString());
        Assert.Contains("DATA_TOKEN", result.ToString());
    }

    [Fact]
    public async Task The_report_shows_the_group_with_its_actions_under_it()
    {
        var result = await LocalRun.RunAsync(_scratch, DataToken, TaskAssemblies.Training, "training.CrossValidate", "--folds", "3");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Out.Replace("\r\n", "\n").Split('\n');
        int group = Array.IndexOf(lines, "  [group folds] 3 actions");
        Assert.True(group > 0, result.Out);
        var folds = lines.Skip(group + 1).Take(6).ToList();
        Assert.All(folds.Where((_, i) => i % 2 == 0), line => Assert.Matches(@"^    \S+ training\.TrainFold SUCCEEDED [\d.]+s$", line));
        Assert.All(folds.Where((_, i) => i % 2 == 1), line => Assert.Matches(@"^      \S+ FitSlope SUCCEEDED [\d.]+s \(trace\)$", line));
        Assert.Single(lines, line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^  \S+ training\.LoadPoints SUCCEEDED"));
        string report = Assert.Single(lines, line => line.StartsWith("  report: ", StringComparison.Ordinal))["  report: ".Length..];
        Assert.EndsWith(Path.Combine("a0", "0", "report.html"), report);
        Assert.Contains("<title>Error by fold</title>", await File.ReadAllTextAsync(report));
    }
}
