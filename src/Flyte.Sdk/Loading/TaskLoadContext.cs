using System.Reflection;
using System.Runtime.Loader;

namespace Flyte.Loading;

/// <summary>
/// Loads a user's assembly and its own dependencies (from its deps.json) beside a host (the flyte
/// CLI, a0). Every assembly the host itself ships (Flyte.Sdk and its dependencies: Flyte.Idl,
/// Google.Protobuf, MessagePack, …) resolves to the host's copy, so the TaskDefinition and literal
/// types the user's generated table registers are the very types the host runs.
/// </summary>
/// <remarks>
/// Cheap to create, because a0 creates one on every action's start-up path: the deps.json is read only
/// when an assembly the host does not share is asked for, and the host's list is searched, not copied.
/// </remarks>
[System.Diagnostics.CodeAnalysis.RequiresUnreferencedCode("Loads user assemblies from disk.")]
internal sealed class TaskLoadContext : AssemblyLoadContext
{
    // Whatever the host's list says, these must be shared: they define the types that cross between the task assembly and the host
    // (Apache.Arrow: a DataFrame's record batches, which the host's Flyte.Sdk reads and writes).
    private static readonly string[] AlwaysShared = ["Flyte.Sdk", "Flyte.Idl", "Google.Protobuf", "MessagePack", "MessagePack.Annotations", "Apache.Arrow"];

    private readonly string _mainAssemblyPath;
    private readonly string[] _privateToHost;
    private readonly string _trustedPlatformAssemblies;
    private AssemblyDependencyResolver? _resolver;

    /// <param name="privateToHost">The host's own libraries that a task assembly must not share (it gets its own copies).</param>
    public TaskLoadContext(string mainAssemblyPath, IEnumerable<string> privateToHost)
        : base("flyte:" + Path.GetFileNameWithoutExtension(mainAssemblyPath))
    {
        _mainAssemblyPath = mainAssemblyPath;
        _privateToHost = privateToHost.ToArray();
        // What the host resolves by itself: the framework and the host's dependencies.
        _trustedPlatformAssemblies = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "";
    }

    // Two threads may both create one; either will do.
    private AssemblyDependencyResolver Resolver => _resolver ??= new AssemblyDependencyResolver(_mainAssemblyPath);

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name is { } name && IsShared(name))
        {
            return null;
        }
        return Resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
        Resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;

    /// <summary>Whether <paramref name="name"/> resolves to the host's copy (null from <see cref="Load"/> defers to the default context).</summary>
    private bool IsShared(string name)
    {
        if (Array.Exists(AlwaysShared, shared => shared.Equals(name, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }
        if (Array.Exists(_privateToHost, own => own.Equals(name, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }
        return IsTrustedPlatformAssembly(name);
    }

    /// <summary>Whether the host's list of trusted platform assemblies (full paths, one per entry) has one named <paramref name="name"/>.</summary>
    private bool IsTrustedPlatformAssembly(string name)
    {
        ReadOnlySpan<char> rest = _trustedPlatformAssemblies;
        while (!rest.IsEmpty)
        {
            int end = rest.IndexOf(Path.PathSeparator);
            ReadOnlySpan<char> entry = end < 0 ? rest : rest[..end];
            if (Path.GetFileNameWithoutExtension(entry).Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
            rest = end < 0 ? [] : rest[(end + 1)..];
        }
        return false;
    }
}
