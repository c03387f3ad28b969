namespace Flyte.Cli.Loading;

/// <summary>
/// What a command names to find tasks in: an assembly (<c>.dll</c>), a project file, or a folder
/// holding one project. A project is built first, and its output assembly is used.
/// </summary>
internal static class TaskTarget
{
    private static readonly string[] ProjectExtensions = [".csproj", ".fsproj", ".vbproj"];

    public static async Task<TaskAssembly> LoadAsync(string target, TextWriter buildLog, CancellationToken cancellationToken)
    {
        string assemblyPath = await ResolveAssemblyPathAsync(target, buildLog, cancellationToken).ConfigureAwait(false);
        return TaskAssembly.Load(assemblyPath);
    }

    public static async Task<string> ResolveAssemblyPathAsync(string target, TextWriter buildLog, CancellationToken cancellationToken)
    {
        string path = Path.GetFullPath(target);
        if (Directory.Exists(path))
        {
            var projects = Directory.EnumerateFiles(path).Where(IsProject).OrderBy(p => p, StringComparer.Ordinal).ToList();
            return projects.Count switch
            {
                1 => await ProjectBuild.BuildAsync(projects[0], buildLog, cancellationToken).ConfigureAwait(false),
                0 => throw new UsageException($"no project file in {path}; name a project, a folder holding one, or an assembly (.dll)"),
                _ => throw new UsageException($"several projects in {path}: {string.Join(", ", projects.Select(Path.GetFileName))}; name one"),
            };
        }
        if (!File.Exists(path))
        {
            throw new UsageException($"not found: {target}");
        }
        if (IsProject(path))
        {
            return await ProjectBuild.BuildAsync(path, buildLog, cancellationToken).ConfigureAwait(false);
        }
        if (path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            return path;
        }
        throw new UsageException($"{target} is neither an assembly (.dll), a project file nor a project folder");
    }

    /// <summary>Whether a name reads as a path (a separator, or an assembly or project extension) rather than as a task name.</summary>
    public static bool LooksLikePath(string name) =>
        name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal)
        || name.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || IsProject(name);

    private static bool IsProject(string path) =>
        ProjectExtensions.Any(extension => path.EndsWith(extension, StringComparison.OrdinalIgnoreCase));
}
