using System.Collections;
using Flyte.Remote.Auth;

namespace Flyte.Cli;

/// <summary>
/// Where the CLI runs: its environment variables, the user's home folder and the working directory. Everything the CLI
/// reads from its surroundings (the config file search, FLYTE_* and AWS_* variables, ~/.flyte, relative paths, the
/// environment of the programs it starts) comes from here, so a caller (a test) can give it surroundings of its own.
/// The process's are <see cref="FromProcess"/>.
/// </summary>
public sealed record CliEnvironment
{
    private static readonly StringComparer NameComparer = OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    public CliEnvironment(IReadOnlyDictionary<string, string> variables, string? homeDirectory, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentException.ThrowIfNullOrEmpty(workingDirectory);
        Variables = new Dictionary<string, string>(variables, NameComparer);
        HomeDirectory = string.IsNullOrEmpty(homeDirectory) ? null : homeDirectory;
        WorkingDirectory = Path.GetFullPath(workingDirectory);
    }

    /// <summary>Every variable, as a program the CLI starts gets them.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; }

    /// <summary>The user's home folder (for <c>~/.flyte</c>); null when there is none.</summary>
    public string? HomeDirectory { get; }

    /// <summary>Where relative paths start and the config file search begins.</summary>
    public string WorkingDirectory { get; }

    /// <summary>The process's variables, home folder and working directory, as they are now.</summary>
    public static CliEnvironment FromProcess()
    {
        var variables = new Dictionary<string, string>(NameComparer);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            variables[(string)entry.Key] = (string?)entry.Value ?? "";
        }
        return new CliEnvironment(variables, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), Environment.CurrentDirectory);
    }

    /// <summary>The variable's value; null when it is unset or empty.</summary>
    public string? Variable(string name) => Variables.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    /// <summary><paramref name="path"/> made absolute from <see cref="WorkingDirectory"/>.</summary>
    public string FullPath(string path) => Path.GetFullPath(path, WorkingDirectory);

    /// <summary>The Flyte home folder local runs and their cache use: <c>$FLYTE_HOME</c>, else <c>~/.flyte</c>.</summary>
    public string FlyteHome => Local.LocalRunOptions.DefaultFlyteHome(Variable, HomeDirectory);

    /// <summary>Where sign-ins keep tokens: <c>$FLYTE_TOKEN_CACHE_DIR</c>, else <c>~/.flyte/tokens</c>; null without either.</summary>
    public string? TokenCacheDirectory => RemoteAuthentication.TokenCacheDirectoryFor(Variable, HomeDirectory);
}
