using System.CommandLine;
using Flyte.Local;

namespace Flyte.Cli.Cache;

/// <summary><c>flyte cache clear [--task NAME] [--cache-dir D]</c>: forgets cached outputs of local runs.</summary>
internal sealed class CacheCommand
{
    private readonly CliEnvironment _environment;

    public CacheCommand(CliEnvironment environment)
    {
        _environment = environment;
        Clear = new Command("clear", "Remove cached outputs of local runs, of every task or of one.") { Task, CacheDirectory };
        Command = new Command("cache", "Manage the local run cache.") { Clear };
    }

    public Command Command { get; }

    public Command Clear { get; }

    public Option<string?> Task { get; } = new("--task") { Description = "Only this task's entries, by its Flyte name (env.function)." };

    public Option<string?> CacheDirectory { get; } = new("--cache-dir") { Description = "The cache folder (default: ~/.flyte/local-cache, as local runs use)." };

    public int Invoke(ParseResult parse, CliConsole console)
    {
        string directory = parse.GetValue(CacheDirectory) is { } given
            ? _environment.FullPath(given)
            : new LocalRunOptions { FlyteHome = _environment.FlyteHome }.ResolvedCacheDirectory;
        string? task = parse.GetValue(Task);
        int removed = new LocalCache(directory).Clear(task);
        console.Out.WriteLine($"removed {removed} cached output{(removed == 1 ? "" : "s")}{(task is null ? "" : $" of {task}")} from {directory}");
        return ExitCodes.Success;
    }
}
