using System.CommandLine;
using Flyte.Remote;
using Grpc.Core;

namespace Flyte.Cli.Remote;

/// <summary><c>flyte get logs &lt;run&gt; [action] [--attempt N]</c>: what one attempt of an action wrote, by default the root's last attempt.</summary>
internal sealed class GetLogsCommand
{
    private readonly ControlPlaneOptions _controlPlane = new();

    private readonly CliEnvironment _environment;

    public GetLogsCommand(CliEnvironment environment)
    {
        _environment = environment;
        Command = new Command("logs", "Print the logs of one attempt of an action (default: the last attempt of the run's root action, a0).")
        {
            Run, Action, Attempt,
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

    public Option<uint?> Attempt { get; } = new("--attempt") { HelpName = "n", Description = "Which attempt, by the control plane's number for it (default: the last; a number it lacks lists those there are)." };

    public Task<int> InvokeAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken) => RemoteFailures.AsUsageErrorsAsync(async () =>
    {
        var options = ControlPlane.Resolve(_controlPlane.Read(parse), _environment);
        using var remote = ControlPlane.Connect(options);
        var run = remote.GetRun(parse.GetValue(Run)!);
        string actionName = parse.GetValue(Action) ?? RemoteRun.RootActionName;
        var details = await run.GetActionDetailsAsync(actionName, cancellationToken).ConfigureAwait(false);
        uint attempt = ActionAttempts.Choose(run, actionName, details, parse.GetValue(Attempt), "logs");
        try
        {
            await foreach (var line in run.TailLogsAsync(actionName, attempt, cancellationToken).ConfigureAwait(false))
            {
                await console.Out.WriteLineAsync(line.Message).ConfigureAwait(false);
            }
        }
        catch (FlyteRemoteException e) when (e.InnerException is RpcException { StatusCode: StatusCode.Unimplemented })
        {
            throw new UsageException($"the control plane at {options.Endpoint} does not serve logs (DataProxyService.TailLogs is not implemented there)", e);
        }
        return ExitCodes.Success;
    }, cancellationToken);
}
