using System.Reflection;
using System.Runtime.Loader;

namespace Flyte.Cli.Loading;

/// <summary>
/// Loads a user's assembly and its own dependencies (from its deps.json) beside the CLI. Every
/// assembly the CLI itself ships (Flyte.Sdk and its dependencies: Flyte.Idl, Google.Protobuf,
/// MessagePack, …) resolves to the CLI's copy, so the TaskDefinition and literal types the user's
/// generated table registers are the very types the CLI's engine runs.
/// </summary>
internal sealed class TaskLoadContext : AssemblyLoadContext
{
    /// <summary>The CLI's own user interface libraries: a task assembly that uses them gets its own copies.</summary>
    private static readonly string[] PrivateToCli = ["flyte", "System.CommandLine", "Spectre.Console"];

    private static readonly Lazy<HashSet<string>> SharedWithCli = new(FindSharedAssemblies);

    private readonly AssemblyDependencyResolver _resolver;

    public TaskLoadContext(string mainAssemblyPath)
        : base("flyte:" + Path.GetFileNameWithoutExtension(mainAssemblyPath))
    {
        _resolver = new AssemblyDependencyResolver(mainAssemblyPath);
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name is { } name && SharedWithCli.Value.Contains(name))
        {
            return null;
        }
        return _resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
        _resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;

    /// <summary>What the host resolves by itself: the framework and the CLI's dependencies (its trusted platform assemblies).</summary>
    private static HashSet<string> FindSharedAssemblies()
    {
        string list = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "";
        var names = new HashSet<string>(
            list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Select(Path.GetFileNameWithoutExtension).OfType<string>(),
            StringComparer.OrdinalIgnoreCase);
        names.ExceptWith(PrivateToCli);
        // Whatever else is on the list, these must be shared: they define the types that cross between the task assembly and the CLI.
        names.UnionWith(["Flyte.Sdk", "Flyte.Idl", "Google.Protobuf", "MessagePack", "MessagePack.Annotations"]);
        return names;
    }
}
