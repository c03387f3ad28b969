using Flyte.Generation;
using System.Collections.Concurrent;
using System.Reflection;
using Flyte.Loading;
using Flyte.Tasks;

namespace Flyte.Cli.Loading;

/// <summary>A user's assembly, loaded, with the tasks its generated table registered.</summary>
internal sealed class TaskAssembly
{
    /// <summary>The CLI's own user interface libraries: a task assembly that uses them gets its own copies.</summary>
    private static readonly string[] PrivateToCli = ["flyte", "System.CommandLine", "Spectre.Console"];

    private static readonly ConcurrentDictionary<string, Lazy<TaskAssembly>> LoadedByPath = new(StringComparer.Ordinal);

    private TaskAssembly(Assembly assembly, string path, string name, IReadOnlyList<TaskDefinition> tasks, IReadOnlyList<RemoteTaskDefinition> remoteTasks)
    {
        RemoteTasks = remoteTasks;
        Assembly = assembly;
        Path = path;
        Name = name;
        Tasks = tasks;
    }

    public Assembly Assembly { get; }

    public string Path { get; }

    public string Name { get; }

    /// <summary>Every task of the assembly, sorted by name.</summary>
    public IReadOnlyList<TaskDefinition> Tasks { get; }

    /// <summary>The assembly's [RemoteTask] declarations: deployed tasks its workflows call.</summary>
    public IReadOnlyList<RemoteTaskDefinition> RemoteTasks { get; }

    /// <summary>
    /// Loads the assembly once per process (its module initializer registers its table in
    /// <see cref="TaskRegistry"/>) and reads its tasks from there.
    /// </summary>
    public static TaskAssembly Load(string assemblyPath)
    {
        string path = System.IO.Path.GetFullPath(assemblyPath);
        if (!File.Exists(path))
        {
            throw new UsageException($"assembly not found: {path}");
        }
        return LoadedByPath.GetOrAdd(path, p => new Lazy<TaskAssembly>(() => LoadNew(p))).Value;
    }

    private static TaskAssembly LoadNew(string path)
    {
        Assembly assembly;
        try
        {
            assembly = new TaskLoadContext(path, PrivateToCli).LoadFromAssemblyPath(path);
        }
        catch (BadImageFormatException e)
        {
            throw new UsageException($"not a .NET assembly: {path} ({e.Message})", e);
        }
        string name = assembly.GetName().Name ?? System.IO.Path.GetFileNameWithoutExtension(path);
        RequireCompatibleSdk(assembly, name);
        var table = TaskRegistry.Initialize(assembly)
            ?? throw new UsageException($"{name} has no Flyte tasks (no [Task] or [Workflow] methods, or it was built without the Flyte generator)");
        var tasks = table.Tasks.OrderBy(t => t.Name, StringComparer.Ordinal).ToArray();
        return new TaskAssembly(assembly, path, name, tasks, table.RemoteTasks);
    }

    /// <summary>The assembly runs against this tool's Flyte.Sdk; one built against a newer SDK may call what this one lacks.</summary>
    private static void RequireCompatibleSdk(Assembly assembly, string name)
    {
        var ours = typeof(TaskDefinition).Assembly.GetName();
        var referenced = assembly.GetReferencedAssemblies().FirstOrDefault(r => r.Name == ours.Name);
        if (referenced?.Version is { } wanted && ours.Version is { } have && wanted > have)
        {
            throw new UsageException($"{name} was built against Flyte.Sdk {wanted}, newer than this flyte's {have}; update the flyte tool");
        }
    }

    /// <summary>
    /// Finds a task by its id name (<c>env.function</c>), its C# name (<c>Class.Method</c>, with or
    /// without namespace) or its method name alone, when that is unambiguous.
    /// </summary>
    public TaskDefinition Find(string name)
    {
        var exact = Tasks.FirstOrDefault(t => t.Name == name);
        if (exact is not null)
        {
            return exact;
        }
        var byMethod = Tasks.Where(t => t.Declaration.MethodName == name || t.Declaration.MethodName.EndsWith("." + name, StringComparison.Ordinal)).ToList();
        return byMethod.Count switch
        {
            1 => byMethod[0],
            0 => throw new UsageException($"no task \"{name}\" in {Name}; its tasks: {string.Join(", ", Tasks.Select(t => t.Name))}"),
            _ => throw new UsageException($"\"{name}\" is ambiguous in {Name}: {string.Join(", ", byMethod.Select(t => t.Name))}"),
        };
    }
}
