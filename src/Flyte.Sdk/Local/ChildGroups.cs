namespace Flyte.Local;

/// <summary>
/// An action's children as a run tree shows them: each group (<see cref="FlyteGroup"/>) one folder, placed where its
/// first child started, and children outside any group in between, all in the order they started. Children outside any
/// group that follow one another are one entry, so a fan-out of thousands is cut as one list.
/// </summary>
internal static class ChildGroups
{
    /// <param name="Group">The group's name; null for children outside any group.</param>
    internal sealed record Entry<T>(string? Group, IReadOnlyList<T> Children);

    public static IReadOnlyList<Entry<T>> Arrange<T>(IEnumerable<T> children, Func<T, string?> groupOf)
    {
        var entries = new List<Entry<T>>();
        var groups = new Dictionary<string, List<T>>(StringComparer.Ordinal);
        foreach (var child in children)
        {
            string? group = groupOf(child);
            if (string.IsNullOrEmpty(group))
            {
                if (entries is [.., { Group: null, Children: List<T> ungrouped }])
                {
                    ungrouped.Add(child);
                }
                else
                {
                    entries.Add(new Entry<T>(null, new List<T> { child }));
                }
            }
            else if (groups.TryGetValue(group, out var members))
            {
                members.Add(child);
            }
            else
            {
                members = [child];
                groups[group] = members;
                entries.Add(new Entry<T>(group, members));
            }
        }
        return entries;
    }

    /// <summary>How a group's folder line reads in a text tree.</summary>
    public static string Header(string group, int children) => $"[group {group}] {children} action{(children == 1 ? "" : "s")}";
}
