using System.CommandLine;
using Flyte.Remote;

namespace Flyte.Cli.Remote;

/// <summary><c>flyte get report &lt;run&gt; [action] [--attempt N] [--output file]</c>: saves the HTML report one attempt
/// of an action wrote (docs/reports.md), by default the root's last attempt, and prints where.</summary>
internal sealed class GetReportCommand
{
    private readonly ControlPlaneOptions _controlPlane = new();

    private readonly CliEnvironment _environment;

    public GetReportCommand(CliEnvironment environment)
    {
        _environment = environment;
        Command = new Command("report", "Save the HTML report of one attempt of an action (default: the last attempt of the run's root action, a0).")
        {
            Run, Action, Attempt, Output,
        };
        _controlPlane.AddTo(Command);
    }

    public Command Command { get; }

    public Argument<string> Run { get; } = new("run") { Description = "The run's name." };

    public Argument<string?> Action { get; } = new("action")
    {
        Description = $"The action's name, as 'flyte get actions' lists it (default {RemoteRun.RootActionName}).",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public Option<uint?> Attempt { get; } = new("--attempt") { HelpName = "n", Description = "Which attempt, by the control plane's number for it (default: the last)." };

    public Option<string?> Output { get; } = new("--output", "-o") { HelpName = "file", Description = "Where to save it (default: <run>-<action>-report.html here)." };

    public Task<int> InvokeAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken) => RemoteFailures.AsUsageErrorsAsync(async () =>
    {
        var options = ControlPlane.Resolve(_controlPlane.Read(parse), _environment);
        using var remote = ControlPlane.Connect(options);
        var run = remote.GetRun(parse.GetValue(Run)!);
        string actionName = parse.GetValue(Action) ?? RemoteRun.RootActionName;
        var details = await run.GetActionDetailsAsync(actionName, cancellationToken).ConfigureAwait(false);
        uint attempt = ActionAttempts.Choose(run, actionName, details, parse.GetValue(Attempt), "report");
        string html = await run.GetReportAsync(actionName, attempt, cancellationToken).ConfigureAwait(false)
            ?? throw new UsageException($"action {actionName} of run {run.Name} wrote no report in attempt {attempt}; a task writes one through ITaskContext.Report");
        string path = Path.GetFullPath(parse.GetValue(Output) ?? $"{run.Name}-{actionName}-report.html");
        await File.WriteAllTextAsync(path, html, cancellationToken).ConfigureAwait(false);
        await console.Out.WriteLineAsync(path).ConfigureAwait(false);
        return ExitCodes.Success;
    }, cancellationToken);
}
