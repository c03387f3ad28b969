namespace Flyte.Runtime.Configuration;

/// <summary>
/// Which config file applies: an explicit path, else <c>$FLYTECTL_CONFIG</c>, else the first that exists of
/// <c>./config.yaml</c>, <c>./.flyte/config.yaml</c>, <c>&lt;git root&gt;/.flyte/config.yaml</c> and <c>~/.flyte/config.yaml</c>.
/// </summary>
internal static class ConfigFileSearch
{
    public const string EnvironmentVariable = "FLYTECTL_CONFIG";
    public const string FileName = "config.yaml";
    public const string FolderName = ".flyte";

    public static string? Find(string? explicitPath, string workingDirectory, Func<string, string?> environment, string? homeDirectory)
    {
        if (!string.IsNullOrEmpty(explicitPath))
        {
            return MustExist(Resolve(explicitPath, workingDirectory, homeDirectory),
                "the config file given explicitly (--config) does not exist; check the path");
        }
        if (environment(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            return MustExist(Resolve(fromEnvironment, workingDirectory, homeDirectory),
                $"the config file named by ${EnvironmentVariable} does not exist; fix or unset {EnvironmentVariable}");
        }
        return Candidates(workingDirectory, homeDirectory).FirstOrDefault(File.Exists);
    }

    /// <summary>The places searched when no file is named, in order.</summary>
    public static IEnumerable<string> Candidates(string workingDirectory, string? homeDirectory)
    {
        yield return Path.Combine(workingDirectory, FileName);
        yield return Path.Combine(workingDirectory, FolderName, FileName);
        if (GitRoot(workingDirectory) is { } gitRoot)
        {
            yield return Path.Combine(gitRoot, FolderName, FileName);
        }
        if (!string.IsNullOrEmpty(homeDirectory))
        {
            yield return Path.Combine(homeDirectory, FolderName, FileName);
        }
    }

    /// <summary>The nearest folder at or above <paramref name="directory"/> holding <c>.git</c> (a folder, or a file in a worktree).</summary>
    private static string? GitRoot(string directory)
    {
        for (var current = new DirectoryInfo(directory); current is not null; current = current.Parent)
        {
            var git = Path.Combine(current.FullName, ".git");
            if (Directory.Exists(git) || File.Exists(git))
            {
                return current.FullName;
            }
        }
        return null;
    }

    /// <summary>A full path: relative to the working directory, and <c>~/…</c> under the home directory.</summary>
    private static string Resolve(string path, string workingDirectory, string? homeDirectory)
    {
        if (homeDirectory is not null && (path == "~" || path.StartsWith("~/", StringComparison.Ordinal)))
        {
            path = Path.Combine(homeDirectory, path.TrimStart('~').TrimStart('/'));
        }
        return Path.GetFullPath(path, workingDirectory);
    }

    private static string MustExist(string path, string problem) =>
        File.Exists(path) ? path : throw new FlyteConfigException($"{path}: {problem}.");
}
