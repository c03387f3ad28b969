using Flyte.Cli.Tests.Infrastructure;

namespace Flyte.Cli.Tests.Run;

/// <summary><c>flyte run --local</c> of samples/Training: the run report shows the folds' group as a folder and where
/// the workflow's HTML report is.</summary>
public sealed class GroupReportTests : IDisposable
{
    private readonly TemporaryDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task The_report_shows_the_group_with_its_actions_under_it()
    {
        var result = await LocalRun.RunAsync(_scratch, TaskAssemblies.Training, "training.CrossValidate", "--folds", "3");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Out.Replace("\r\n", "\n").Split('\n');
        int group = Array.IndexOf(lines, "  [group folds] 3 actions");
        Assert.True(group > 0, result.Out);
        Assert.All(lines.Skip(group + 1).Take(3), line => Assert.Matches(@"^    \S+ training\.TrainFold SUCCEEDED [\d.]+s$", line));
        Assert.Single(lines, line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^  \S+ training\.LoadPoints SUCCEEDED"));
        string report = Assert.Single(lines, line => line.StartsWith("  report: ", StringComparison.Ordinal))["  report: ".Length..];
        Assert.EndsWith(Path.Combine("a0", "0", "report.html"), report);
        Assert.Contains("<title>Error by fold</title>", await File.ReadAllTextAsync(report));
    }
}
