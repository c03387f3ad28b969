using System.CommandLine;
using Flyte.Cli.Loading;
using Flyte.Local;
using Spectre.Console;

namespace Flyte.Cli.Run;

/// <summary>
/// <c>flyte run --local &lt;assembly | project&gt; &lt;task&gt; [--input value …]</c>: runs a task in-process with
/// Flyte's semantics, showing progress, then the report and the outputs.
/// </summary>
internal sealed class RunCommand
{
    public RunCommand()
    {
        Command = new Command("run", "Run a task or workflow. Inputs follow the task name as --name value; see 'flyte run --local <target> <task> --help'.")
        {
            Local, Target, Task, Json, CacheDirectory, NoCache, RunDirectory,
        };
        // The task's inputs are flags only the task knows; RunTokens picks them out of the command line.
        Command.TreatUnmatchedTokensAsErrors = false;
    }

    public Command Command { get; }

    public Option<bool> Local { get; } = new("--local") { Description = "Run in this process (remote runs need a control plane)." };

    public Argument<string> Target { get; } = new("target") { Description = "An assembly (.dll), a project file, or a folder holding one project (built first); left out, the project in the current folder." };

    public Argument<string?> Task { get; } = new("task") { Description = "The task: its name (env.function) or its C# name (Class.Method).", Arity = ArgumentArity.ZeroOrOne };

    public Option<bool> Json { get; } = new("--json") { Description = "Print only the outputs, as one JSON object." };

    public Option<string?> CacheDirectory { get; } = new("--cache-dir") { Description = "Where cached outputs live (default ~/.flyte/local-cache)." };

    public Option<bool> NoCache { get; } = new("--no-cache") { Description = "Run every task, reading and writing no cache." };

    public Option<string?> RunDirectory { get; } = new("--run-dir") { Description = "Where the run's files go (default ~/.flyte/runs/<run name>)." };

    public async Task<int> InvokeAsync(ParseResult parse, IReadOnlyList<string> args, CliConsole console, bool helpRequested, CancellationToken cancellationToken)
    {
        var tokens = Split(args);
        var (target, taskName) = TargetAndTask(tokens);
        if (!parse.GetValue(Local))
        {
            throw new UsageException("remote runs need a control plane and are not available yet; add --local to run in this process");
        }

        var assembly = await TaskTarget.LoadAsync(target, console.Error, cancellationToken).ConfigureAwait(false);
        if (taskName is null)
        {
            throw new UsageException($"name a task to run; {assembly.Name} has: {string.Join(", ", assembly.Tasks.Select(t => t.Name))}");
        }
        var task = assembly.Find(taskName);
        if (helpRequested)
        {
            TaskHelp.Write(console.Out, task, target);
            return ExitCodes.Success;
        }
        var inputs = TaskInputs.Parse(task, tokens.Inputs);

        bool json = parse.GetValue(Json);
        var board = new ActionBoard();
        bool live = console.IsTerminal && !json;
        var options = new LocalRunOptions
        {
            CacheDirectory = parse.GetValue(CacheDirectory) is { } cache ? Path.GetFullPath(cache) : null,
            UseCache = !parse.GetValue(NoCache),
            RunDirectory = parse.GetValue(RunDirectory) is { } runs ? Path.GetFullPath(runs) : null,
            Progress = json ? null : live ? board : new PlainProgress(console.Out),
        };

        Task<LocalRunResult> Run() => LocalEngine.RunAsync(task, inputs, options, cancellationToken);
        var result = live
            ? await LiveProgress.ShowWhileAsync(console.Ansi ?? CreateAnsiConsole(console.Out), board, Run).ConfigureAwait(false)
            : await Run().ConfigureAwait(false);

        if (result.Outputs is not { } outputs)
        {
            if (!json)
            {
                RunResultWriter.WriteReport(console.Out, result);
            }
            RunResultWriter.WriteFailure(console.Error, result);
            return ExitCodes.RunFailed;
        }
        if (json)
        {
            RunResultWriter.WriteOutputsJson(console.Out, task, outputs);
        }
        else
        {
            RunResultWriter.WriteReport(console.Out, result);
            RunResultWriter.WriteOutputs(console.Out, task, outputs);
        }
        return ExitCodes.Success;
    }

    /// <summary>Whether the command line names a task, so <c>--help</c> is about the task rather than about <c>run</c>.</summary>
    public bool NamesATask(IReadOnlyList<string> args) => TargetAndTask(Split(args)).Task is not null;

    private RunTokens Split(IReadOnlyList<string> args)
    {
        var flags = new HashSet<string>(StringComparer.Ordinal) { "-h", "-?", "--help" };
        var withValue = new HashSet<string>(StringComparer.Ordinal);
        foreach (var option in Command.Options)
        {
            var names = option.Aliases.Append(option.Name);
            // A bool option takes its value optionally (--json, --json true): a flag here.
            (option.Arity.MinimumNumberOfValues == 0 ? flags : withValue).UnionWith(names);
        }
        return RunTokens.Split(RunTokens.AfterCommand(args, Command.Name), flags, withValue);
    }

    /// <summary>
    /// Target and task as given; or, when the only name given is not a file or folder, that name is
    /// the task and the target is the project in the current folder
    /// (<c>flyte run --local Quickstart.MeanOfSquares --n 10</c> inside the project).
    /// </summary>
    private static (string Target, string? Task) TargetAndTask(RunTokens tokens) => tokens.Names switch
    {
        [] => (".", null),
        [var only] when !File.Exists(only) && !Directory.Exists(only) && !TaskTarget.LooksLikePath(only) => (".", only),
        [var target] => (target, null),
        [var target, var task, ..] => (target, task),
    };

    private static IAnsiConsole CreateAnsiConsole(TextWriter output) =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
}
