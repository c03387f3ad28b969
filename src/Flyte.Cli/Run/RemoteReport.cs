using Flyte.Cli.Remote;
using Flyte.Local;
using Flyte.Remote;
using Flyteidl2.Common;

namespace Flyte.Cli.Run;

/// <summary>
/// The end of a run on a control plane, as the local report reads: the action tree with phase, duration, attempts and
/// cache hits, each action's children cut to the first few plus every failure.
/// </summary>
internal static class RemoteReport
{
    public static void Write(TextWriter output, IReadOnlyList<ActionTree.Node> roots)
    {
        foreach (var root in roots)
        {
            Write(output, root, "");
        }
    }

    private static void Write(TextWriter output, ActionTree.Node node, string indent)
    {
        var action = node.Action;
        output.Write($"{indent}{action.Id.Name} {RemoteText.TaskName(action.Metadata)} {RemoteText.Phase(action.Status)} {RemoteText.Duration(action.Status)}");
        if (action.Status?.Attempts > 1)
        {
            output.Write($" attempts={action.Status.Attempts}");
        }
        output.WriteLine(action.Status?.CacheStatus == Flyteidl2.Core.CatalogCacheStatus.CacheHit ? " (cache hit)" : "");

        foreach (var entry in ChildGroups.Arrange(node.Children, child => child.Action.Metadata?.Group))
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

    private static void WriteChildren(TextWriter output, IReadOnlyList<ActionTree.Node> children, string indent)
    {
        var shown = children.Where((child, index) => index < ReportTree.MaxChildrenShown || !(child.Action.Status is { } status && PhaseNames.IsSuccess(status.Phase))).ToList();
        foreach (var child in shown)
        {
            Write(output, child, indent);
        }
        int hidden = children.Count - shown.Count;
        if (hidden > 0)
        {
            output.WriteLine($"{indent}… and {hidden} more, all SUCCEEDED");
        }
    }
}
