using System.ComponentModel;
using Flyte.Tasks;

namespace Flyte.Generation;

/// <summary>
/// Where generated dispatch tables register themselves (from a module initializer) when their
/// assembly loads, so <c>a0</c> and the local engine find tasks by name without scanning methods.
/// </summary>
/// <remarks>For the code the Flyte source generator writes, not for direct use: it may change in any release.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TaskRegistry
{
    // A plain dictionary under a lock, not a ConcurrentDictionary: reading all of the latter's values starts its
    // event source, which costs a0 several milliseconds of start-up time.
    // Keyed by the assembly itself, not its name: a process may load the same assembly in two load contexts (the CLI,
    // tests), and each copy has its own table.
    private static readonly Dictionary<System.Reflection.Assembly, ITaskTable> TablesByAssembly = [];

    /// <summary>
    /// Runs the module initializer of a freshly loaded assembly (nothing has touched its module yet, so it has not
    /// run) and returns the dispatch table it registered, or null when it has none.
    /// </summary>
    internal static ITaskTable? Initialize(System.Reflection.Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
        // Looked up by the assembly, not by assembly.GetName(): an AssemblyName carries a CultureInfo, and creating one
        // loads ICU, which costs a0 milliseconds of start-up that a task may never need.
        lock (TablesByAssembly)
        {
            return TablesByAssembly.TryGetValue(assembly, out var table) ? table : null;
        }
    }

    /// <summary>Registers an assembly's dispatch table; its module initializer calls this when it loads.</summary>
    public static void Register(ITaskTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        lock (TablesByAssembly)
        {
            TablesByAssembly[table.GetType().Assembly] = table;
        }
    }

    internal static IReadOnlyCollection<ITaskTable> Tables
    {
        get
        {
            lock (TablesByAssembly)
            {
                return TablesByAssembly.Values.ToArray();
            }
        }
    }

    internal static IEnumerable<TaskDefinition> AllTasks => Tables.SelectMany(t => t.Tasks);

    /// <summary>Finds a task by its id name (<c>env.function</c>) or its C# method name.</summary>
    internal static TaskDefinition? Find(string name) =>
        Tables.Select(t => t.Find(name)).FirstOrDefault(t => t is not null)
        ?? AllTasks.FirstOrDefault(t => t.Declaration.MethodName == name || t.Declaration.MethodName.EndsWith("." + name, StringComparison.Ordinal));
}
