using System.CommandLine;
using Flyte.Cli.Run;
using Flyte.Remote;
using Flyteidl2.Common;

namespace Flyte.Cli.Remote;

/// <summary><c>flyte get run &lt;name&gt;</c>: one run's task, phase, times and attempts; its error if it failed, its outputs if it succeeded.</summary>
internal sealed class GetRunCommand
{
    private readonly ControlPlaneOptions _controlPlane = new();

    private readonly CliEnvironment _environment;

    public GetRunCommand(CliEnvironment environment)
    {
        _environment = environment;
        Command = new Command("run", "Show a run: task, phase, start, duration, attempts, and its outputs or its error.") { Name };
        _controlPlane.AddTo(Command);
    }

    public Command Command { get; }

    public Argument<string> Name { get; } = new("name") { Description = "The run's name (as 'flyte run' and 'flyte get runs' print it)." };

    public Task<int> InvokeAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken) => RemoteFailures.AsUsageErrorsAsync(async () =>
    {
        var options = ControlPlane.Resolve(_controlPlane.Read(parse), _environment);
        using var remote = ControlPlane.Connect(options);
        var run = remote.GetRun(parse.GetValue(Name)!);
        var details = await run.GetDetailsAsync(cancellationToken).ConfigureAwait(false);
        var action = details.Action;
        var output = console.Out;
        var task = action.Metadata?.Task?.Id;
        output.WriteLine($"Run       {run.Name}");
        output.WriteLine($"Task      {RemoteText.TaskName(action.Metadata)}{(task?.Version is { Length: > 0 } version ? $" (version {version})" : "")}");
        output.WriteLine($"Phase     {RemoteText.Phase(action.Status)}");
        output.WriteLine($"Started   {RemoteText.Time(action.Status?.StartTime)}");
        output.WriteLine($"Duration  {RemoteText.Duration(action.Status)}");
        output.WriteLine($"Attempts  {action.Status?.Attempts ?? 0}");
        output.WriteLine($"Link      {run.Url}");
        if (action.ErrorInfo is { } error)
        {
            output.WriteLine($"Error     {RemoteText.Error(error)}".ReplaceLineEndings(Environment.NewLine + "          "));
        }
        if (action.AbortInfo is { } abort)
        {
            output.WriteLine($"Aborted   {abort.Reason}");
        }
        if (action.Status is { } status && PhaseNames.IsSuccess(status.Phase))
        {
            var outputs = await run.GetOutputsAsync(cancellationToken).ConfigureAwait(false);
            if (action.Task?.TaskTemplate?.Interface is { } taskInterface)
            {
                RunResultWriter.WriteOutputs(output, taskInterface, outputs);
            }
            else
            {
                // Without the spec there are no declared types to decode with; the literals as protobuf JSON still tell.
                output.WriteLine("Outputs:");
                foreach (var (name, literal) in outputs.Literals.OrderBy(l => l.Key, StringComparer.Ordinal))
                {
                    output.WriteLine($"  {name}: {literal}");
                }
            }
        }
        return ExitCodes.Success;
    }, cancellationToken);
}
