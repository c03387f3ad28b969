namespace Flyte.Local;

/// <summary>How a local run behaves and where it keeps its files.</summary>
public sealed record LocalRunOptions
{
    /// <summary>The run's name; a fresh random one (like Flyte's) when null.</summary>
    public string? RunName { get; init; }

    /// <summary>The Flyte home folder the default run and cache folders are under; <see cref="DefaultFlyteHome()"/> when null.</summary>
    public string? FlyteHome { get; init; }

    /// <summary>Where the run's action folders go; <c>~/.flyte/runs/&lt;run name&gt;</c> when null.</summary>
    public string? RunDirectory { get; init; }

    /// <summary>Where cached outputs live; <c>~/.flyte/local-cache</c> when null.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>Which action files the run writes: by default the root action's and those of failed attempts, so that a
    /// fan-out to thousands of tasks does not write thousands of folders (docs/local-runs.md).</summary>
    public ActionFiles ActionFiles { get; init; } = ActionFiles.RootAndFailures;

    /// <summary>Off: every task runs even when it is cacheable (the cache is neither read nor written).</summary>
    public bool UseCache { get; init; } = true;

    /// <summary>How many tasks (not workflows, which mostly wait) may run at once.</summary>
    public int MaxParallelism { get; init; } = Math.Max(2, Environment.ProcessorCount * 4);

    /// <summary>Tasks replaced by fakes, by task name: for tests.</summary>
    public IReadOnlyList<TaskFake> Fakes { get; init; } = [];

    /// <summary>Told of every phase change, from any thread: for live progress.</summary>
    public IProgress<ActionEvent>? Progress { get; init; }

    /// <summary>A JSON object of secrets for tasks that declare them (<c>{"key": "value", "group/key": "value"}</c>), read
    /// after the environment; <c>~/.flyte/secrets.json</c> when null (docs/secrets.md).</summary>
    public string? SecretsFile { get; init; }

    /// <summary>Where secrets' environment variables are read; the process's environment when null. The CLI passes its
    /// own view of the environment, so a command run in a test reads what the test set.</summary>
    internal Func<string, string?>? EnvironmentVariables { get; init; }

    /// <summary>Between retries; Flyte backs off, locally the default is to retry at once.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.Zero;

    /// <summary>This process's Flyte home folder: <c>$FLYTE_HOME</c>, else <c>~/.flyte</c>.</summary>
    public static string DefaultFlyteHome() =>
        DefaultFlyteHome(Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>The Flyte home folder of these surroundings: <c>FLYTE_HOME</c>, else <c>.flyte</c> in <paramref name="homeDirectory"/>.</summary>
    /// <param name="environment">Reads an environment variable; null when unset.</param>
    public static string DefaultFlyteHome(Func<string, string?> environment, string? homeDirectory)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment("FLYTE_HOME") is { Length: > 0 } home ? home : Path.Combine(homeDirectory ?? "", ".flyte");
    }

    private string ResolvedFlyteHome => FlyteHome ?? DefaultFlyteHome();

    /// <summary>The cache folder these options use: <see cref="CacheDirectory"/> or the default.</summary>
    public string ResolvedCacheDirectory => CacheDirectory ?? Path.Combine(ResolvedFlyteHome, "local-cache");

    internal string ResolveCacheDirectory() => ResolvedCacheDirectory;

    internal string ResolveSecretsFile() => SecretsFile ?? Path.Combine(ResolvedFlyteHome, "secrets.json");

    internal string ResolveRunDirectory(string runName) => RunDirectory ?? Path.Combine(ResolvedFlyteHome, "runs", runName);
}
