using System.Reflection;
using Flyte.Tasks;

namespace Flyte.Runtime.Execution;

/// <summary>
/// The task assembly compiled into this a0 (src/Flyte.Runtime.Native: one executable with the project's tasks, for
/// images with the code baked in, ahead-of-time compiled so that an action starts in a fraction of a runtime's start-up),
/// named by an assembly attribute the build writes. None in the a0 that loads code from bundles or folders.
/// </summary>
internal static class LinkedTasks
{
    public const string MetadataKey = "FlyteLinkedTaskAssembly";

    /// <summary>The name of the compiled-in task assembly, or null.</summary>
    public static string? AssemblyName { get; } = typeof(LinkedTasks).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .FirstOrDefault(attribute => attribute.Key == MetadataKey)?.Value;

    /// <summary>The dispatch table of the compiled-in assembly when it is <paramref name="assemblyName"/>, else null.</summary>
    public static ITaskTable? Find(string assemblyName)
    {
        if (AssemblyName != assemblyName)
        {
            return null;
        }
        // Registered before Main by src/Flyte.Runtime.Native/LinkedTaskTable.cs.
        return TaskRegistry.Tables.FirstOrDefault(table => table.AssemblyName == assemblyName)
            ?? throw new SystemFailureException("NoTaskTable", $"{assemblyName}, compiled into this a0, registered no Flyte dispatch table; was it built with Flyte.Sdk?");
    }
}
