using Action = Flyteidl2.Workflow.Action;

namespace Flyte.Cli.Remote;

/// <summary>A run's actions in tree order: each parent followed by its children, in the order they started.</summary>
internal static class ActionTree
{
    public sealed record Node(Action Action, int Depth, IReadOnlyList<Node> Children);

    /// <summary>The roots (normally only <c>a0</c>; also any action whose parent was not listed), each with its subtree.</summary>
    public static IReadOnlyList<Node> Build(IReadOnlyList<Action> actions)
    {
        var names = actions.Select(a => a.Id.Name).ToHashSet(StringComparer.Ordinal);
        var byParent = actions.ToLookup(a => a.Metadata?.Parent ?? "", StringComparer.Ordinal);
        var roots = actions.Where(a => string.IsNullOrEmpty(a.Metadata?.Parent) || !names.Contains(a.Metadata.Parent));
        return Ordered(roots).Select(root => Grow(root, 0, byParent)).ToList();
    }

    /// <summary>Every node, depth first: the order a table lists them.</summary>
    public static IEnumerable<Node> Flatten(IEnumerable<Node> nodes)
    {
        foreach (var node in nodes)
        {
            yield return node;
            foreach (var below in Flatten(node.Children))
            {
                yield return below;
            }
        }
    }

    private static Node Grow(Action action, int depth, ILookup<string, Action> byParent) =>
        new(action, depth, Ordered(byParent[action.Id.Name]).Select(child => Grow(child, depth + 1, byParent)).ToList());

    private static IEnumerable<Action> Ordered(IEnumerable<Action> actions) =>
        actions.OrderBy(a => a.Status?.StartTime?.ToDateTimeOffset() ?? DateTimeOffset.MaxValue).ThenBy(a => a.Id.Name, StringComparer.Ordinal);
}
