using Flyte.Runtime.Configuration;

namespace Flyte.Runtime.Tests.Configuration;

/// <summary>
/// A throwaway file system for config lookups: a git repository <c>repo</c> (with a <c>.git</c> folder), the working
/// directory <c>repo/app</c> inside it, and a home folder <c>home</c>; plus an environment of our own.
/// </summary>
internal sealed class ConfigWorkspace : IDisposable
{
    public ConfigWorkspace()
    {
        Directory.CreateDirectory(Path.Combine(Root, "repo", ".git"));
        Directory.CreateDirectory(WorkingDirectory);
        Directory.CreateDirectory(Home);
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "flyte-config-tests-" + Guid.NewGuid().ToString("N"));

    public string Repository => Path.Combine(Root, "repo");

    public string WorkingDirectory => Path.Combine(Root, "repo", "app");

    public string Home => Path.Combine(Root, "home");

    public Dictionary<string, string> Environment { get; } = [];

    /// <summary>Writes <paramref name="yaml"/> at <paramref name="path"/> (relative to <see cref="Root"/>) and returns the full path.</summary>
    public string Write(string path, string yaml)
    {
        var full = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, yaml);
        return full;
    }

    /// <summary>A config file whose only setting is the project, so a test can tell which file was read.</summary>
    public string WriteNamed(string path, string project) => Write(path, $"task:\n  project: {project}\n");

    public LoadedFlyteConfig Load(string? explicitPath = null) =>
        FlyteConfigLoader.Load(explicitPath, WorkingDirectory, name => Environment.GetValueOrDefault(name), Home);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
