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

    private static IReadOnlyList<TaskDefinition> Load(string folder, string assemblyName)
    {
        string path = Path.Combine(folder, assemblyName + ".dll");
        var assembly = new TaskLoadContext(path, []).LoadFromAssemblyPath(path);
        return (TaskRegistry.Initialize(assembly) ?? throw new InvalidOperationException($"{assemblyName} has no Flyte tasks")).Tasks;
    }
}
