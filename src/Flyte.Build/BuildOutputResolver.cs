using System.Reflection;
using System.Runtime.Loader;

namespace Flyte.Build;

/// <summary>
/// Resolves what the tool and the user's assembly need (Flyte.Sdk first of all) from the user's build: the assembly's
/// deps.json and folder, then the compile references the build passed. The tool ships without those assemblies, so
/// it runs against exactly the versions the project was built with.
/// </summary>
internal sealed class BuildOutputResolver
{
    private readonly AssemblyDependencyResolver _dependencies;
    private readonly string _outputDirectory;
    private readonly Dictionary<string, string> _referencesByName;

    public BuildOutputResolver(string assemblyPath, IEnumerable<string> referencePaths)
    {
        _dependencies = new AssemblyDependencyResolver(assemblyPath);
        _outputDirectory = Path.GetDirectoryName(assemblyPath)!;
        _referencesByName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string path in referencePaths)
        {
            _referencesByName.TryAdd(Path.GetFileNameWithoutExtension(path), path);
        }
    }

    /// <summary>From now on, what the default context cannot find itself comes from the user's build.</summary>
    public void Install()
    {
        AssemblyLoadContext.Default.Resolving += (context, name) => Find(name) is { } path ? context.LoadFromAssemblyPath(path) : null;
        AssemblyLoadContext.Default.ResolvingUnmanagedDll += (_, name) =>
            _dependencies.ResolveUnmanagedDllToPath(name) is { } path ? System.Runtime.InteropServices.NativeLibrary.Load(path) : IntPtr.Zero;
    }

    private string? Find(AssemblyName name)
    {
        if (_dependencies.ResolveAssemblyToPath(name) is { } fromDeps)
        {
            return fromDeps;
        }
        string beside = Path.Combine(_outputDirectory, name.Name + ".dll");
        if (File.Exists(beside))
        {
            return beside;
        }
        return name.Name is { } simple && _referencesByName.TryGetValue(simple, out var reference) && File.Exists(reference) ? reference : null;
    }
}
