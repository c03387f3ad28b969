using Flyte.Tasks;

namespace Flyte.Sdk.Tests.Tasks;

/// <summary><see cref="TaskReport"/> and <see cref="ReportHtml"/>: what a report's page holds.</summary>
public class ReportTests
{
    [Fact]
    public void A_report_is_one_page_with_a_section_per_tab_that_has_content()
    {
        var report = new TaskReport();
        Assert.True(report.IsEmpty);
        report.Log("<p>first</p>");
        report.Log("<p>second</p>");
        report.Tab("empty");
        report.Tab("data").Log("<p>rows</p>");

        string html = report.ToHtml("a0 <demo>");

        Assert.False(report.IsEmpty);
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("<title>a0 &lt;demo&gt;</title>", html);
        Assert.Contains("<h2>main</h2>\n<p>first</p>\n<p>second</p>", html);
        Assert.Contains("<h2>data</h2>\n<p>rows</p>", html);
        Assert.DoesNotContain("<h2>empty</h2>", html);
        Assert.Contains("<nav><a href=\"#tab-0\">main</a><a href=\"#tab-1\">data</a></nav>", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", ""));
    }

    [Fact]
    public void Replace_swaps_a_tabs_content()
    {
        var report = new TaskReport();
        report.Log("<p>old</p>");
        report.Replace("<p>new</p>");

        string html = report.ToHtml("t");

        Assert.Contains("<h2>main</h2>\n<p>new</p>", html);
        Assert.DoesNotContain("old", html);
    }

    [Fact]
    public void A_table_escapes_its_cells_and_writes_numbers_in_the_invariant_culture()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            string table = ReportHtml.Table(["name", "score"], [["<b>x</b>", 0.5], [null, 12]]);

            Assert.Equal("<table>\n<thead><tr><th>name</th><th>score</th></tr></thead>\n<tbody>\n"
                + "<tr><td>&lt;b&gt;x&lt;/b&gt;</td><td>0.5</td></tr>\n<tr><td></td><td>12</td></tr>\n</tbody>\n</table>", table);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void A_table_row_with_the_wrong_number_of_cells_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => ReportHtml.Table(["a", "b"], [["only one"]]));
        Assert.StartsWith("a table row has 1 cells for 2 headers", error.Message);
    }

    [Fact]
    public void A_bar_chart_scales_bars_to_the_largest_value()
    {
        string chart = ReportHtml.BarChart("Errors & more", [("fold 0", 1.0), ("fold 1", 4.0)]);

        Assert.StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"", chart);
        Assert.Contains("<title>Errors &amp; more</title>", chart);
        Assert.Contains("width=\"100\"", chart);
        Assert.Contains("width=\"400\"", chart);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_bar_chart_refuses_values_it_cannot_draw(double value)
    {
        Assert.Throws<ArgumentException>(() => ReportHtml.BarChart("t", [("x", value)]));
    }

    [Fact]
    public void A_tab_needs_a_name()
    {
        Assert.Throws<ArgumentException>(() => new TaskReport().Tab(" "));
    }

    [Fact]
    public void Report_true_registers_generates_deck_and_other_tasks_do_not()
    {
        var settings = new TaskTemplateSettings { Project = "p", Domain = "d", Version = "v", DefaultImage = "img" };

        Assert.True(TaskTemplates.CreateSpec(Reports.FlyteTasks.Summarize, settings).TaskTemplate.Metadata.GeneratesDeck);
        Assert.False(TaskTemplates.CreateSpec(Reports.FlyteTasks.Quiet, settings).TaskTemplate.Metadata.GeneratesDeck);
    }
}
