using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace Flyte.Runtime.Execution;

/// <summary>
/// Loads the task's assembly into a0's default load context. An a0 process runs one action of one assembly, so it
/// needs none of the isolation of a load context of its own, whose managed resolution of every reference costs
/// start-up time. What a0 ships (the framework, Flyte.Sdk and its dependencies) binds to a0's copy, as the task's
/// generated table must register the very types a0 runs; the task's own dependencies come from its deps.json,
/// asked only when a0 has no copy of them.
/// </summary>
internal static class TaskAssemblyLoader
{
    [RequiresUnreferencedCode("Loads the user's assembly from disk.")]
    public static Assembly Load(string path)
    {
        AssemblyDependencyResolver? resolver = null;
        bool unresolvable = false;
        AssemblyDependencyResolver? Resolver()
        {
            if (resolver is null && !unresolvable)
            {
                try
                {
                    resolver = new AssemblyDependencyResolver(path);
                }
                catch (InvalidOperationException)
                {
                    // The code's folder is gone or unreadable: this handler has nothing to offer, and must not fail a
                    // load that another handler (an in-process run of other code) could serve.
                    unresolvable = true;
                }
            }
            return resolver;
        }

        AssemblyLoadContext.Default.Resolving += (context, name) =>
            Resolver()?.ResolveAssemblyToPath(name) is { } dependency ? context.LoadFromAssemblyPath(dependency) : null;
        AssemblyLoadContext.Default.ResolvingUnmanagedDll += (_, name) =>
            Resolver()?.ResolveUnmanagedDllToPath(name) is { } library ? NativeLibrary.Load(library) : IntPtr.Zero;
        return AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
    }
}
