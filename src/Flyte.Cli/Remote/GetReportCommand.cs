using System.CommandLine;
using Flyte.Remote;

namespace Flyte.Cli.Remote;

/// <summary><c>flyte get report &lt;run&gt; [action] [--attempt N] [--output file]</c>: saves the HTML report one attempt
/// of an action wrote (docs/reports.md), by default the root's last attempt, and prints where.</summary>
internal sealed class GetReportCommand
{
    private readonly ControlPlaneOptions _controlPlane = new();
    private readonly ActionAttemptArguments _attempt = new();

    private readonly CliEnvironment _environment;

    public GetReportCommand(CliEnvironment environment)
    {
        _environment = environment;
        Command = new Command("report", "Save the HTML report of one attempt of an action (default: the last attempt of the run's root action, a0).");
        _attempt.AddTo(Command);
        Command.Options.Add(Output);
        _controlPlane.AddTo(Command);
    }

    public Command Command { get; }

    public Option<string?> Output { get; } = new("--output", "-o") { HelpName = "file", Description = "Where to save it (default: <run>-<action>-report.html here)." };

    public Task<int> InvokeAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken) => RemoteFailures.AsUsageErrorsAsync(async () =>
    {
        var options = ControlPlane.Resolve(_controlPlane.Read(parse), _environment);
        using var remote = ControlPlane.Connect(options);
        var (run, actionName, attempt) = await _attempt.ResolveAsync(parse, remote, "there is no report", cancellationToken).ConfigureAwait(false);
        string html = await run.GetReportAsync(actionName, attempt, cancellationToken).ConfigureAwait(false)
            ?? throw new UsageException($"action {actionName} of run {run.Name} wrote no report in attempt {attempt}; a task writes one through ITaskContext.Report");
        string path = Path.GetFullPath(parse.GetValue(Output) ?? $"{run.Name}-{actionName}-report.html");
        await File.WriteAllTextAsync(path, html, cancellationToken).ConfigureAwait(false);
        await console.Out.WriteLineAsync(path).ConfigureAwait(false);
        return ExitCodes.Success;
    }, cancellationToken);
}
