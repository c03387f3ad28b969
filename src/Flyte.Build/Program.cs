using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using Flyte.Generation;
using Flyte.Tasks;

namespace Flyte.Build;

/// <summary>
/// <c>flyte-build &lt;assembly&gt; --out &lt;dir&gt; [--references &lt;file&gt;]</c>, run by Flyte.Sdk's build targets:
/// writes the assembly's task specs and manifest.json into the folder, or, when it has no tasks, clears what an
/// earlier build left there. Errors are one line in MSBuild's format, so the build shows them as errors.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        try
        {
            var request = BuildRequest.Parse(args);
            new BuildOutputResolver(request.AssemblyPath, request.ReferencePaths).Install();
            // Only now may code that touches Flyte.Sdk be compiled: the resolver is what finds it.
            return WriteArtifacts(request);
        }
        catch (ArtifactsException e)
        {
            return Fail(e.Message);
        }
        catch (Exception e) when (e is FileLoadException or FileNotFoundException or BadImageFormatException or TypeLoadException)
        {
            return Fail($"could not load the assembly or what it needs: {e.Message}");
        }
        catch (TypeInitializationException e)
        {
            return Fail($"the assembly's initializer threw while its tasks were read: {e.InnerException?.Message ?? e.Message}");
        }
        catch (Exception e)
        {
            // A task declaration the generator accepted but its code rejects when the spec is made, or a file system error.
            return Fail($"{e.GetType().Name}: {e.Message}");
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int WriteArtifacts(BuildRequest request)
    {
        var assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(request.AssemblyPath);
        string name = assembly.GetName().Name ?? Path.GetFileNameWithoutExtension(request.AssemblyPath);
        var table = TaskRegistry.Initialize(assembly);
        if (table is null || table.Tasks.Count == 0)
        {
            TaskArtifacts.Clear(request.OutputDirectory);
            return 0;
        }
        var tasks = table.Tasks.OrderBy(t => t.Name, StringComparer.Ordinal).ToArray();
        var manifest = TaskArtifacts.Write(name, tasks, request.OutputDirectory, new TaskTemplateSettings());
        Console.WriteLine($"Wrote {manifest.Tasks.Count} task spec{(manifest.Tasks.Count == 1 ? "" : "s")} of {name} to {request.OutputDirectory}");
        return 0;
    }

    private static int Fail(string message)
    {
        // "origin : error code : text" is the line MSBuild's Exec task turns into a build error.
        Console.Error.WriteLine($"flyte-build : error FLYBUILD : {message}");
        return 1;
    }
}
