using Flyte.Local;

namespace Flyte.Cli.Run;

/// <summary>
/// The run report as an indented tree (as <see cref="ActionReport.Render"/> writes it), with each
/// action's children cut to the first few plus every failure, so a fan-out of thousands stays readable.
/// </summary>
internal static class ReportTree
{
    public const int MaxChildrenShown = 20;

    public static void Write(TextWriter output, ActionReport root) => Write(output, root, "");

    private static void Write(TextWriter output, ActionReport action, string indent)
    {
        output.WriteLine($"{indent}{action.SummaryLine()}");
        if (action.ReportPath is { } reportPath)
        {
            output.WriteLine($"{indent}  report: {reportPath}");
        }
        if (action.ReportError is { } reportError)
        {
            output.WriteLine($"{indent}  report not written: {reportError}");
        }

        foreach (var entry in ChildGroups.Arrange(action.Children, child => child.Group))
        {
            string childIndent = indent + "  ";
            if (entry.Group is { } group)
            {
                output.WriteLine($"{childIndent}{ChildGroups.Header(group, entry.Children.Count)}");
                childIndent += "  ";
            }
            WriteChildren(output, entry.Children, childIndent);
        }
    }

    /// <summary>The first few children and every failure; the rest as one line.</summary>
    private static void WriteChildren(TextWriter output, IReadOnlyList<ActionReport> children, string indent)
    {
        var shown = children.Where((child, index) => index < MaxChildrenShown || !ActionReport.IsSuccess(child.Phase)).ToList();
        foreach (var child in shown)
        {
            Write(output, child, indent);
        }
        var hidden = children.Except(shown).ToList();
        if (hidden.Count > 0)
        {
            int cached = hidden.Count(c => c.CacheHit);
            output.WriteLine($"{indent}… and {hidden.Count} more, all SUCCEEDED{(cached > 0 ? $" ({cached} from cache)" : "")}");
        }
    }
}
