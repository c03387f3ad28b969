using System.CommandLine;
using Flyte.Remote;
using Grpc.Core;

namespace Flyte.Cli.Remote;

/// <summary><c>flyte get logs &lt;run&gt; [action] [--attempt N]</c>: what one attempt of an action wrote, by default the root's last attempt.</summary>
internal sealed class GetLogsCommand
{
    private readonly ControlPlaneOptions _controlPlane = new();
    private readonly ActionAttemptArguments _attempt = new();

    private readonly CliEnvironment _environment;

    public GetLogsCommand(CliEnvironment environment)
    {
        _environment = environment;
        Command = new Command("logs", "Print the logs of one attempt of an action (default: the last attempt of the run's root action, a0).");
        _attempt.AddTo(Command);
        _controlPlane.AddTo(Command);
    }

    public Command Command { get; }

    public Task<int> InvokeAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken) => RemoteFailures.AsUsageErrorsAsync(async () =>
    {
        var options = ControlPlane.Resolve(_controlPlane.Read(parse), _environment);
        using var remote = ControlPlane.Connect(options);
        var (run, actionName, attempt) = await _attempt.ResolveAsync(parse, remote, "there are no logs", cancellationToken).ConfigureAwait(false);
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
