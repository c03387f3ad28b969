namespace Flyte.Cli.Loading;

/// <summary>
/// What a command names to find tasks in: an assembly (<c>.dll</c>), a project file, or a folder
/// holding one project. A project is built first, and its output assembly is used.
/// </summary>
internal static class TaskTarget
{
    private static readonly string[] ProjectExtensions = [".csproj", ".fsproj", ".vbproj"];

    /// <summary>What <c>--artifacts-path</c> says in the help of the commands that take a target.</summary>
    public const string ArtifactsPathDescription =
        "When the target is a project: build it with 'dotnet build --artifacts-path <dir>', so that its outputs (and those of the projects it references) go under <dir> instead of their bin/ and obj/ folders.";

    /// <param name="artifactsPath">Where a project is built (MSBuild's ArtifactsPath); null: its own bin/ and obj/.</param>
    /// <param name="configuration">When the target is a project: the configuration to build; null: its default (Debug).</param>
    public static async Task<TaskAssembly> LoadAsync(string target, string? artifactsPath, TextWriter buildLog, CliEnvironment environment, CancellationToken cancellationToken, string? configuration = null)
    {
        string assemblyPath = await ResolveAssemblyPathAsync(target, artifactsPath, buildLog, environment, cancellationToken, configuration).ConfigureAwait(false);
        return TaskAssembly.Load(assemblyPath);
    }

    /// <param name="artifactsPath">Where a project is built (MSBuild's ArtifactsPath); null: its own bin/ and obj/.</param>
    /// <param name="configuration">When the target is a project: the configuration to build; null: its default (Debug).</param>
    public static async Task<string> ResolveAssemblyPathAsync(string target, string? artifactsPath, TextWriter buildLog, CliEnvironment environment, CancellationToken cancellationToken, string? configuration = null)
    {
        string path = environment.FullPath(target);
        if (Directory.Exists(path))
        {
            return await ProjectBuild.BuildAsync(ProjectIn(path), artifactsPath, buildLog, environment, cancellationToken, configuration).ConfigureAwait(false);
        }
        if (!File.Exists(path))
        {
            throw new UsageException($"not found: {target}");
        }
        if (IsProject(path))
        {
            return await ProjectBuild.BuildAsync(path, artifactsPath, buildLog, environment, cancellationToken, configuration).ConfigureAwait(false);
        }
        if (path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            return path;
        }
        throw new UsageException($"{target} is neither an assembly (.dll), a project file nor a project folder");
    }

    /// <summary>The project <paramref name="target"/> names (itself, or the one project in a folder), or null when it names an assembly.</summary>
    public static string? ProjectOrNull(string target, CliEnvironment environment)
    {
        string path = environment.FullPath(target);
        if (Directory.Exists(path))
        {
            return ProjectIn(path);
        }
        return File.Exists(path) && IsProject(path) ? path : null;
    }

    /// <summary>The project file <paramref name="target"/> names: itself, or the one project in a folder.</summary>
    public static string ResolveProjectPath(string target, CliEnvironment environment)
    {
        string path = environment.FullPath(target);
        if (Directory.Exists(path))
        {
            return ProjectIn(path);
        }
        return File.Exists(path) && IsProject(path) ? path : throw new UsageException($"{target} is neither a project file nor a folder holding one");
    }

    private static string ProjectIn(string folder)
    {
        var projects = Directory.EnumerateFiles(folder).Where(IsProject).OrderBy(p => p, StringComparer.Ordinal).ToList();
        return projects.Count switch
        {
            1 => projects[0],
            0 => throw new UsageException($"no project file in {folder}; name a project, a folder holding one, or an assembly (.dll)"),
            _ => throw new UsageException($"several projects in {folder}: {string.Join(", ", projects.Select(Path.GetFileName))}; name one"),
        };
    }

    /// <summary>Whether a name reads as a path (a separator, or an assembly or project extension) rather than as a task name.</summary>
    public static bool LooksLikePath(string name) =>
        name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal)
        || name.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || IsProject(name);

    private static bool IsProject(string path) =>
        ProjectExtensions.Any(extension => path.EndsWith(extension, StringComparison.OrdinalIgnoreCase));
}
