using System.Globalization;
using System.Net;
using System.Text;

namespace Flyte.Tasks;

/// <summary>HTML fragments for a <see cref="TaskReport"/>: text, a table and a bar chart, with every value escaped.
/// The chart is inline SVG, so a report needs nothing from the network.</summary>
public static class ReportHtml
{
    /// <summary>A paragraph of text.</summary>
    public static string Text(string text) => $"<p>{WebUtility.HtmlEncode(text)}</p>";

    /// <summary>A table: a header row, then one row per item; numbers in the invariant culture.</summary>
    public static string Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        var html = new StringBuilder("<table>\n<thead><tr>");
        foreach (string header in headers)
        {
            html.Append("<th>").Append(WebUtility.HtmlEncode(header)).Append("</th>");
        }
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            if (row.Count != headers.Count)
            {
                throw new ArgumentException($"a table row has {row.Count} cells for {headers.Count} headers", nameof(rows));
            }
            html.Append("<tr>");
            foreach (object? cell in row)
            {
                html.Append("<td>").Append(WebUtility.HtmlEncode(Format(cell))).Append("</td>");
            }
            html.Append("</tr>\n");
        }
        return html.Append("</tbody>\n</table>").ToString();
    }

    /// <summary>A horizontal bar chart of non-negative values, scaled to the largest.</summary>
    public static string BarChart(string title, IReadOnlyList<(string Label, double Value)> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        if (bars.Any(b => double.IsNaN(b.Value) || double.IsInfinity(b.Value) || b.Value < 0))
        {
            throw new ArgumentException("a bar chart takes finite values of 0 or more", nameof(bars));
        }
        const int BarHeight = 22, LabelWidth = 160, BarWidth = 400, ValueWidth = 100;
        double largest = bars.Count == 0 ? 0 : bars.Max(b => b.Value);
        int height = 30 + bars.Count * BarHeight;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{LabelWidth + BarWidth + ValueWidth}\" height=\"{height}\" role=\"img\">");
        svg.Append("<title>").Append(WebUtility.HtmlEncode(title)).Append("</title>");
        svg.Append("<text x=\"0\" y=\"18\" font-weight=\"bold\">").Append(WebUtility.HtmlEncode(title)).Append("</text>");
        for (int i = 0; i < bars.Count; i++)
        {
            int y = 30 + i * BarHeight;
            double width = largest > 0 ? bars[i].Value / largest * BarWidth : 0;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 15}\">").Append(WebUtility.HtmlEncode(bars[i].Label)).Append("</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y + 3}\" width=\"{width:0.##}\" height=\"{BarHeight - 6}\" fill=\"#4a7fb5\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + width + 6:0.##}\" y=\"{y + 15}\">").Append(WebUtility.HtmlEncode(Format(bars[i].Value))).Append("</text>");
        }
        return svg.Append("</svg>").ToString();
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        double d => d.ToString("G6", CultureInfo.InvariantCulture),
        float f => f.ToString("G6", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
