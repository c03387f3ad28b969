using System.Net;
using System.Text;

namespace Flyte.Tasks;

/// <summary>
/// The HTML report of one task attempt, as flyte-sdk's <c>flyte.report</c> has it: tabs of HTML fragments, "main"
/// first. Write to it through <see cref="ITaskContext.Report"/>; when the attempt ends, whatever it holds is written as
/// <c>report.html</c> beside the attempt's outputs (docs/reports.md). Safe to use from parallel code.
/// </summary>
public sealed class TaskReport
{
    /// <summary>The file a report is written to, under the attempt's output prefix.</summary>
    public const string FileName = "report.html";

    /// <summary>The tab that <see cref="Log"/> and <see cref="Replace"/> write to.</summary>
    public const string MainTab = "main";

    private readonly object _lock = new();
    private readonly List<ReportTab> _tabs = [];

    /// <summary>An empty report with its main tab.</summary>
    public TaskReport() => _tabs.Add(new ReportTab(MainTab, _lock));

    /// <summary>Appends an HTML fragment to the main tab.</summary>
    public void Log(string html) => Tab(MainTab).Log(html);

    /// <summary>Replaces the main tab's content with an HTML fragment.</summary>
    public void Replace(string html) => Tab(MainTab).Replace(html);

    /// <summary>The tab named <paramref name="name"/>, made (after the others) if it is new.</summary>
    public ReportTab Tab(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("a report tab needs a name: report.Tab(\"metrics\")", nameof(name));
        }
        lock (_lock)
        {
            var tab = _tabs.Find(t => t.Name == name);
            if (tab is null)
            {
                tab = new ReportTab(name, _lock);
                _tabs.Add(tab);
            }
            return tab;
        }
    }

    /// <summary>Nothing was written to any tab: no file is written.</summary>
    public bool IsEmpty
    {
        get
        {
            lock (_lock)
            {
                return _tabs.All(t => t.IsEmptyUnlocked);
            }
        }
    }

    /// <summary>The whole report as one self-contained HTML page (no scripts or styles from the network): one section
    /// per tab that has content, with links between them.</summary>
    /// <param name="title">The page's title, e.g. the action and task names.</param>
    public string ToHtml(string title)
    {
        List<(string Name, string Content)> tabs;
        lock (_lock)
        {
            tabs = _tabs.Where(t => !t.IsEmptyUnlocked).Select(t => (t.Name, t.ContentUnlocked)).ToList();
        }
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(WebUtility.HtmlEncode(title)).Append("</title>\n<style>\n")
            .Append("body{font-family:system-ui,sans-serif;margin:2rem;color:#222}nav a{margin-right:1rem}")
            .Append("table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}")
            .Append("section{margin-top:1.5rem}\n</style>\n</head>\n<body>\n<h1>").Append(WebUtility.HtmlEncode(title)).Append("</h1>\n");
        if (tabs.Count > 1)
        {
            html.Append("<nav>");
            for (int i = 0; i < tabs.Count; i++)
            {
                html.Append("<a href=\"#tab-").Append(i).Append("\">").Append(WebUtility.HtmlEncode(tabs[i].Name)).Append("</a>");
            }
            html.Append("</nav>\n");
        }
        for (int i = 0; i < tabs.Count; i++)
        {
            html.Append("<section id=\"tab-").Append(i).Append("\">\n<h2>").Append(WebUtility.HtmlEncode(tabs[i].Name)).Append("</h2>\n")
                .Append(tabs[i].Content).Append("\n</section>\n");
        }
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }
}

/// <summary>One tab of a <see cref="TaskReport"/>: HTML fragments, in the order they were logged.</summary>
public sealed class ReportTab
{
    private readonly object _lock;
    private readonly StringBuilder _content = new();

    internal ReportTab(string name, object reportLock)
    {
        Name = name;
        _lock = reportLock;
    }

    /// <summary>The tab's name, shown as its heading.</summary>
    public string Name { get; }

    /// <summary>Appends an HTML fragment, as written (it is not escaped: use <see cref="ReportHtml"/> for text and data).</summary>
    public void Log(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        lock (_lock)
        {
            if (_content.Length > 0)
            {
                _content.Append('\n');
            }
            _content.Append(html);
        }
    }

    /// <summary>Replaces the tab's content with an HTML fragment.</summary>
    public void Replace(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        lock (_lock)
        {
            _content.Clear().Append(html);
        }
    }

    internal bool IsEmptyUnlocked => _content.Length == 0;

    internal string ContentUnlocked => _content.ToString();
}
