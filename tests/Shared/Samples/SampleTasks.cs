using Flyte.Generation;
using System.Collections.Concurrent;
using Flyte.Loading;
using Flyte.Tasks;

namespace Flyte.Tests.Shared;

/// <summary>The task definitions of a built sample, loaded as the deploy command loads them, to write their task specs.</summary>
internal static class SampleTasks
{
    private static readonly ConcurrentDictionary<string, IReadOnlyList<TaskDefinition>> Loaded = new(StringComparer.Ordinal);

    public static TaskDefinition Get(string sampleFolder, string assemblyName, string taskName) =>
        All(sampleFolder, assemblyName).Single(t => t.Name == taskName);

    public static IReadOnlyList<TaskDefinition> All(string sampleFolder, string assemblyName) =>
        Loaded.GetOrAdd(assemblyName, _ => Load(sampleFolder, assemblyName));

    /// <summary>The [RemoteTask] declarations of a built sample.</summary>
    public static IReadOnlyList<RemoteTaskDefinition> Remote(string sampleFolder, string assemblyName) =>
        TaskRegistry.Initialize(All(sampleFolder, assemblyName)[0].GetType().Assembly)!.RemoteTasks;

    private static IReadOnlyList<TaskDefinition> Load(string folder, string assemblyName)
    {
        string path = Path.Combine(folder, assemblyName + ".dll");
        var assembly = new TaskLoadContext(path, []).LoadFromAssemblyPath(path);
        return (TaskRegistry.Initialize(assembly) ?? throw new InvalidOperationException($"{assemblyName} has no Flyte tasks")).Tasks;
    }
}

/// <summary>The trace definitions ([Trace] methods) the generator wrote into a built sample.</summary>
internal static class SampleTraces
{
    /// <summary>The trace of <paramref name="methodName"/> (<c>Namespace.Class.Method</c>) in the sample that declares <paramref name="taskName"/>.</summary>
    public static TraceDefinition Get(string sampleFolder, string assemblyName, string taskName, string methodName)
    {
        var assembly = SampleTasks.Get(sampleFolder, assemblyName, taskName).GetType().Assembly;
        var definitions = assembly.GetType("Flyte.Generated.FlyteTraceDefinitions") ?? throw new InvalidOperationException($"{assemblyName} has no traces");
        return Instances(definitions).Single(d => d.MethodName == methodName);
    }

    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "Test code reading a sample's generated definitions, which its interceptors keep.")]
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "Test code reading a sample's generated definitions, which its interceptors keep.")]
    private static IEnumerable<TraceDefinition> Instances(Type definitions) =>
        definitions.GetNestedTypes(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic)
            .Select(type => (TraceDefinition)type.GetProperty("Instance", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)!.GetValue(null)!);
}
