using Flyte.Local;
using Flyte.Sdk.Tests.Tasks;

namespace Flyte.Sdk.Tests.Local;

/// <summary>A local run writes each attempt's report in the attempt's folder and names it in the run report.</summary>
public sealed class LocalReportTests : IDisposable
{
    private readonly string _home = Path.Combine(Path.GetTempPath(), "flyte-reports-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
    }

    private LocalRunOptions Options => new() { RunDirectory = Path.Combine(_home, "run"), CacheDirectory = Path.Combine(_home, "cache") };

    [Fact]
    public async Task A_task_that_writes_a_report_leaves_report_html_beside_its_outputs()
    {
        var run = await Reports.FlyteTasks.Summarize.RunLocalAsync([1, 2, 3], Options);

        Assert.True(run.Succeeded, run.Failure?.Message);
        string expected = Path.Combine(run.RunDirectory, "a0", "0", "report.html");
        Assert.Equal(expected, run.Report.ReportPath);
        string html = await File.ReadAllTextAsync(expected);
        Assert.Contains("<title>a0 reports.Summarize</title>", html);
        Assert.Contains("<p>3 values &lt;summed&gt;</p>", html);
        Assert.Contains("<tr><td>2</td></tr>", html);
        Assert.Contains($"  report: {expected}\n", run.Report.Render());
    }

    [Fact]
    public async Task A_failed_attempt_keeps_what_it_wrote()
    {
        var run = await Reports.FlyteTasks.FailAfterLogging.RunLocalAsync(7, Options);

        Assert.False(run.Succeeded);
        Assert.Contains("<p>started with 7</p>", await File.ReadAllTextAsync(run.Report.ReportPath!));
    }

    [Fact]
    public async Task A_report_that_cannot_be_written_is_said_beside_the_result_not_instead_of_it()
    {
        var options = Options;
        // A folder where the file would go: the write fails whoever runs the test.
        Directory.CreateDirectory(Path.Combine(options.RunDirectory!, "a0", "0", "report.html"));

        var run = await Reports.FlyteTasks.Summarize.RunLocalAsync([1, 2], options);

        Assert.True(run.Succeeded, run.Failure?.Message);
        Assert.Equal(3, run.Value);
        Assert.Null(run.Report.ReportPath);
        Assert.StartsWith($"could not write {Path.Combine(options.RunDirectory!, "a0", "0", "report.html")}: ", run.Report.ReportError);
        Assert.Contains("  report not written: could not write ", run.Report.Render());
    }

    [Fact]
    public async Task A_task_that_writes_nothing_leaves_no_report()
    {
        var run = await Reports.FlyteTasks.Quiet.RunLocalAsync(1, Options);

        Assert.True(run.Succeeded);
        Assert.Null(run.Report.ReportPath);
        Assert.False(File.Exists(Path.Combine(run.RunDirectory, "a0", "0", "report.html")));
        Assert.DoesNotContain("report:", run.Report.Render());
    }
}
