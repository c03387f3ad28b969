using System.CommandLine;
using Flyte.Remote;

namespace Flyte.Cli.Remote;

/// <summary><c>flyte abort run &lt;name&gt; [--reason R]</c>: stops a run and every action it started, and waits until it has.</summary>
internal sealed class AbortCommand
{
    private readonly ControlPlaneOptions _controlPlane = new();

    private readonly CliEnvironment _environment;

    public AbortCommand(CliEnvironment environment)
    {
        _environment = environment;
        Run = new Command("run", "Abort a run: its running actions are stopped and it ends ABORTED.") { Name, Reason };
        _controlPlane.AddTo(Run);
        Command = new Command("abort", "Stop something on the control plane.") { Run };
    }

    public Command Command { get; }

    public Command Run { get; }

    public Argument<string> Name { get; } = new("name") { Description = "The run's name." };

    public Option<string?> Reason { get; } = new("--reason") { HelpName = "text", Description = "Why, kept with the run (default: aborted by the user)." };

    public Task<int> InvokeAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken) => RemoteFailures.AsUsageErrorsAsync(async () =>
    {
        var options = ControlPlane.Resolve(_controlPlane.Read(parse), _environment);
        using var remote = ControlPlane.Connect(options);
        var run = remote.GetRun(parse.GetValue(Name)!);
        var before = await run.GetDetailsAsync(cancellationToken).ConfigureAwait(false);
        if (PhaseNames.IsTerminal(before.Action.Status.Phase))
        {
            await console.Out.WriteLineAsync($"run {run.Name} already ended {RemoteText.Phase(before.Action.Status)}; nothing to abort").ConfigureAwait(false);
            return ExitCodes.Success;
        }
        await run.AbortAsync(parse.GetValue(Reason) ?? "aborted by the user", cancellationToken).ConfigureAwait(false);
        var after = await run.WaitAsync(null, cancellationToken).ConfigureAwait(false);
        // A run may finish on its own between the look and the abort; say what it really ended as.
        await console.Out.WriteLineAsync($"run {run.Name} {RemoteText.Phase(after.Action.Status)}").ConfigureAwait(false);
        return ExitCodes.Success;
    }, cancellationToken);
}
