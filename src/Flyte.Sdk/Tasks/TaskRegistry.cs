using System.Collections.Concurrent;

namespace Flyte.Tasks;

/// <summary>
/// Where generated dispatch tables register themselves (from a module initializer) when their
/// assembly loads, so <c>a0</c> and the local engine find tasks by name without scanning methods.
/// </summary>
public static class TaskRegistry
{
    private static readonly ConcurrentDictionary<string, ITaskTable> TablesByAssembly = new(StringComparer.Ordinal);

    public static void Register(ITaskTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        TablesByAssembly[table.AssemblyName] = table;
    }

    public static IReadOnlyCollection<ITaskTable> Tables => TablesByAssembly.Values.ToArray();

    public static IEnumerable<TaskDefinition> AllTasks => TablesByAssembly.Values.SelectMany(t => t.Tasks);

    /// <summary>Finds a task by its id name (<c>env.function</c>) or its C# method name.</summary>
    public static TaskDefinition? Find(string name) =>
        AllTasks.FirstOrDefault(t => t.Name == name) ?? AllTasks.FirstOrDefault(t => t.Declaration.MethodName == name || t.Declaration.MethodName.EndsWith("." + name, StringComparison.Ordinal));
}
