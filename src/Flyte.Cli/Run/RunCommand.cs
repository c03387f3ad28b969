using System.CommandLine;
using Flyte.Cli.Deploy;
using Flyte.Cli.Loading;
using Flyte.Cli.Remote;
using Flyte.Local;
using Flyte.Tasks;
using Flyteidl2.Core;
using Spectre.Console;

namespace Flyte.Cli.Run;

/// <summary>
/// <c>flyte run [--local] &lt;assembly | project&gt; &lt;task&gt; [--input value …]</c>: runs a task on the configured
/// control plane (at the version of the local build, deployed first if it is not yet), or with <c>--local</c> in-process
/// with Flyte's semantics; shows progress, then the report and the outputs.
/// </summary>
internal sealed class RunCommand
{
    private const string LocalAlternative = "; or add --local to run in this process";

    private readonly ControlPlaneOptions _controlPlane = new(repeatable: true);

    private readonly CliEnvironment _environment;

    public RunCommand(CliEnvironment environment)
    {
        _environment = environment;
        Command = new Command("run", "Run a task or workflow on the control plane (the local build, deployed first if it is not yet), or in this process with --local. "
            + "Inputs follow the task name as --name value; see 'flyte run <target> <task> --help'.")
        {
            Local, Target, Task, Json, Name, NoWait, Follow, CacheDirectory, NoCache, RunDirectory, AllFiles, ArtifactsPath,
        };
        _controlPlane.AddTo(Command);
        // The task's inputs are flags only the task knows; RunTokens picks them out of the command line. An input may
        // share a name with a run option (--name), so those with values are repeatable and read from the tokens.
        Command.TreatUnmatchedTokensAsErrors = false;
    }

    public Command Command { get; }

    public Option<bool> Local { get; } = new("--local") { Description = "Run in this process instead of on the control plane." };

    public Argument<string> Target { get; } = new("target") { Description = "An assembly (.dll), a project file, or a folder holding one project (built first); left out, the project in the current folder." };

    public Argument<string?> Task { get; } = new("task") { Description = "The task: its name (env.function) or its C# name (Class.Method).", Arity = ArgumentArity.ZeroOrOne };

    public Option<bool> Json { get; } = new("--json") { Description = "Print only the outputs, as one JSON object." };

    public Option<string[]> Name { get; } = ControlPlaneOptions.Repeatable("--name", "run-name", "The run's name (default: a new random one). Give it before the target when the task has an input called name.");

    public Option<bool> NoWait { get; } = new("--no-wait") { Description = "Start the run on the control plane, print its name and return." };

    public Option<bool> Follow { get; } = new("--follow") { Description = "Follow the run until it ends, showing its actions (the default)." };

    public Option<string[]> CacheDirectory { get; } = ControlPlaneOptions.Repeatable("--cache-dir", "dir", "With --local: where cached outputs live (default ~/.flyte/local-cache).");

    public Option<bool> NoCache { get; } = new("--no-cache") { Description = "With --local: run every task, reading and writing no cache." };

    public Option<string[]> RunDirectory { get; } = ControlPlaneOptions.Repeatable("--run-dir", "dir", "With --local: where the run's files go (default ~/.flyte/runs/<run name>).");

    public Option<bool> AllFiles { get; } = new("--all-files") { Description = "With --local: write every action's inputs.pb and outputs.pb, not only the run's own and those of failed attempts." };

    public Option<string[]> ArtifactsPath { get; } = ControlPlaneOptions.Repeatable("--artifacts-path", "dir", TaskTarget.ArtifactsPathDescription);

    public async Task<int> InvokeAsync(ParseResult parse, IReadOnlyList<string> args, CliConsole console, bool helpRequested, CancellationToken cancellationToken)
    {
        var tokens = Split(args, task: null);
        var (target, taskName) = TargetAndTask(tokens);
        if (!helpRequested && !Flag(tokens, Local))
        {
            // Before a build that may take a while: a run on a control plane needs one configured.
            ControlPlane.Resolve(ControlPlaneSettingsOf(tokens), _environment, LocalAlternative);
        }

        string? configuration = null;
        if (!helpRequested && !Flag(tokens, Local) && TaskTarget.ProjectOrNull(target, _environment) is { } project)
        {
            // The build a remote run deploys, as flyte deploy chooses it; said on stderr, so --json output stays only JSON.
            (configuration, string? explanation) = await DeployConfiguration.ChooseAsync(project, null, Value(tokens, ArtifactsPath), _environment, cancellationToken).ConfigureAwait(false);
            if (explanation is not null)
            {
                await console.Error.WriteLineAsync(explanation).ConfigureAwait(false);
            }
        }
        var assembly = await TaskTarget.LoadAsync(target, Value(tokens, ArtifactsPath), console.Error, _environment, cancellationToken, configuration).ConfigureAwait(false);
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
        // Now that the task is known, a flag after its name that names one of its inputs is that input.
        tokens = Split(args, task);
        var inputs = TaskInputs.Parse(task, tokens.Inputs);
        if (Flag(tokens, Local))
        {
            RequireAbsent(tokens, "applies to runs on a control plane; leave out --local", NoWait, _controlPlane.Config, _controlPlane.Endpoint, _controlPlane.Project, _controlPlane.Domain);
            return await RunLocallyAsync(task, inputs, tokens, console, cancellationToken).ConfigureAwait(false);
        }

        RequireAbsent(tokens, "applies to runs in this process; add --local", CacheDirectory, NoCache, RunDirectory, AllFiles);
        if (Flag(tokens, NoWait) && Flag(tokens, Follow))
        {
            throw new UsageException("--no-wait and --follow contradict each other; give one");
        }
        var options = ControlPlane.Resolve(ControlPlaneSettingsOf(tokens), _environment, LocalAlternative);
        var choices = new RemoteRunChoices(Value(tokens, Name), Flag(tokens, NoWait), Flag(tokens, Json));
        return await RemoteFailures.AsUsageErrorsAsync(
            () => RemoteTaskRun.RunAsync(assembly, task, inputs, options, choices, console, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> RunLocallyAsync(TaskDefinition task, LiteralMap inputs, RunTokens tokens, CliConsole console, CancellationToken cancellationToken)
    {
        bool json = Flag(tokens, Json);
        var board = new ActionBoard();
        bool live = console.IsTerminal && !json;
        var options = new LocalRunOptions
        {
            RunName = Value(tokens, Name),
            FlyteHome = _environment.FlyteHome,
            EnvironmentVariables = _environment.Variable,
            CacheDirectory = Value(tokens, CacheDirectory) is { } cache ? _environment.FullPath(cache) : null,
            UseCache = !Flag(tokens, NoCache),
            RunDirectory = Value(tokens, RunDirectory) is { } runs ? _environment.FullPath(runs) : null,
            ActionFiles = Flag(tokens, AllFiles) ? ActionFiles.All : ActionFiles.RootAndFailures,
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
    public bool NamesATask(IReadOnlyList<string> args) => TargetAndTask(Split(args, task: null)).Task is not null;

    /// <param name="task">The task once known: flags naming its inputs are then inputs, not the run's options.</param>
    private RunTokens Split(IReadOnlyList<string> args, TaskDefinition? task)
    {
        var flags = new HashSet<string>(StringComparer.Ordinal) { "-h", "-?", "--help" };
        var withValue = new HashSet<string>(StringComparer.Ordinal);
        foreach (var option in Command.Options)
        {
            // A bool option takes its value optionally (--json, --json true): a flag here.
            (option.Arity.MinimumNumberOfValues == 0 ? flags : withValue).UnionWith(NamesOf(option));
        }
        Func<string, bool>? isInput = task is null ? null : flag => TaskInputs.IsInputFlag(task, flag);
        return RunTokens.Split(RunTokens.AfterCommand(args, Command.Name), flags, withValue, isInput);
    }

    private ControlPlaneSettings ControlPlaneSettingsOf(RunTokens tokens) => new(
        Value(tokens, _controlPlane.Config), Value(tokens, _controlPlane.Endpoint), Value(tokens, _controlPlane.Project), Value(tokens, _controlPlane.Domain));

    /// <summary>The option's value as given (the parser may have bound a task's input to it; the tokens know better).</summary>
    private static string? Value(RunTokens tokens, Option option) =>
        NamesOf(option).Select(name => tokens.Options.GetValueOrDefault(name)).FirstOrDefault(value => value is not null);

    private static bool Flag(RunTokens tokens, Option<bool> option)
    {
        string? value = Value(tokens, option);
        if (value is null)
        {
            return false;
        }
        return bool.TryParse(value, out bool flag) ? flag : throw new UsageException($"{option.Name} takes true or false, not '{value}'");
    }

    private static void RequireAbsent(RunTokens tokens, string why, params Option[] options)
    {
        if (options.FirstOrDefault(option => Value(tokens, option) is not null) is { } given)
        {
            throw new UsageException($"{given.Name} {why}");
        }
    }

    private static IEnumerable<string> NamesOf(Option option) => option.Aliases.Prepend(option.Name);

    /// <summary>
    /// Target and task as given; or, when the only name given is not a file or folder, that name is
    /// the task and the target is the project in the current folder
    /// (<c>flyte run --local Quickstart.MeanOfSquares --n 10</c> inside the project).
    /// </summary>
    private (string Target, string? Task) TargetAndTask(RunTokens tokens) => tokens.Names switch
    {
        [] => (".", null),
        [var only] when !File.Exists(_environment.FullPath(only)) && !Directory.Exists(_environment.FullPath(only)) && !TaskTarget.LooksLikePath(only) => (".", only),
        [var target] => (target, null),
        [var target, var task, ..] => (target, task),
    };

    internal static IAnsiConsole CreateAnsiConsole(TextWriter output) =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
}
