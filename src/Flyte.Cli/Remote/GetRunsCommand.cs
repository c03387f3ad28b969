using System.CommandLine;

namespace Flyte.Cli.Remote;

/// <summary><c>flyte get runs [--limit N]</c>: the newest runs of the project and domain, newest first.</summary>
internal sealed class GetRunsCommand
{
    private readonly ControlPlaneOptions _controlPlane = new();

    private readonly CliEnvironment _environment;

    public GetRunsCommand(CliEnvironment environment)
    {
        _environment = environment;
        Command = new Command("runs", "List the newest runs: name, task, phase, start and duration.") { Limit };
        _controlPlane.AddTo(Command);
    }

    public Command Command { get; }

    public Option<int> Limit { get; } = new("--limit") { HelpName = "n", Description = "At most this many runs.", DefaultValueFactory = _ => 20 };

    public Task<int> InvokeAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken) => RemoteFailures.AsUsageErrorsAsync(async () =>
    {
        int limit = parse.GetValue(Limit);
        if (limit <= 0)
        {
            throw new UsageException($"--limit {limit} is not a count of runs; give 1 or more");
        }
        var options = ControlPlane.Resolve(_controlPlane.Read(parse), _environment);
        using var remote = ControlPlane.Connect(options);
        var runs = await remote.ListRunsAsync(limit, cancellationToken).ConfigureAwait(false);
        if (runs.Count == 0)
        {
            await console.Out.WriteLineAsync($"no runs in {options.Project}/{options.Domain} at {options.Endpoint}").ConfigureAwait(false);
            return ExitCodes.Success;
        }
        TextTable.Write(console.Out, ["NAME", "TASK", "PHASE", "STARTED", "DURATION"], runs.Select(run => (IReadOnlyList<string>)
        [
            run.Action.Id.Run.Name,
            RemoteText.TaskName(run.Action.Metadata),
            RemoteText.Phase(run.Action.Status),
            RemoteText.Time(run.Action.Status?.StartTime),
            RemoteText.Duration(run.Action.Status),
        ]));
        return ExitCodes.Success;
    }, cancellationToken);
}
