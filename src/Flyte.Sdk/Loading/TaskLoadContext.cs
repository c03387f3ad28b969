using System.Reflection;
using System.Runtime.Loader;

namespace Flyte.Loading;

/// <summary>
/// Loads a user's assembly and its own dependencies (from its deps.json) beside a host (the flyte
/// CLI, a0). Every assembly the host itself ships (Flyte.Sdk and its dependencies: Flyte.Idl,
/// Google.Protobuf, MessagePack, …) resolves to the host's copy, so the TaskDefinition and literal
/// types the user's generated table registers are the very types the host runs.
/// </summary>
[System.Diagnostics.CodeAnalysis.RequiresUnreferencedCode("Loads user assemblies from disk.")]
public sealed class TaskLoadContext : AssemblyLoadContext
{
    private readonly AssemblyDependencyResolver _resolver;
    private readonly HashSet<string> _shared;

    /// <param name="privateToHost">The host's own libraries that a task assembly must not share (it gets its own copies).</param>
    public TaskLoadContext(string mainAssemblyPath, IEnumerable<string> privateToHost)
        : base("flyte:" + Path.GetFileNameWithoutExtension(mainAssemblyPath))
    {
        _resolver = new AssemblyDependencyResolver(mainAssemblyPath);
        _shared = FindSharedAssemblies(privateToHost);
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name is { } name && _shared.Contains(name))
        {
            return null;
        }
        return _resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
        _resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;

    /// <summary>What the host resolves by itself: the framework and the host's dependencies (its trusted platform assemblies).</summary>
    private static HashSet<string> FindSharedAssemblies(IEnumerable<string> privateToHost)
    {
        string list = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "";
        var names = new HashSet<string>(
            list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Select(Path.GetFileNameWithoutExtension).OfType<string>(),
            StringComparer.OrdinalIgnoreCase);
        names.ExceptWith(privateToHost);
        // Whatever else is on the list, these must be shared: they define the types that cross between the task assembly and the host.
        names.UnionWith(["Flyte.Sdk", "Flyte.Idl", "Google.Protobuf", "MessagePack", "MessagePack.Annotations"]);
        return names;
    }
}
