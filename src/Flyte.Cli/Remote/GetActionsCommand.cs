using System.CommandLine;

namespace Flyte.Cli.Remote;

/// <summary><c>flyte get actions &lt;run&gt;</c>: the run's action tree, the root first and each child under its parent.</summary>
internal sealed class GetActionsCommand
{
    private readonly ControlPlaneOptions _controlPlane = new();

    private readonly CliEnvironment _environment;

    public GetActionsCommand(CliEnvironment environment)
    {
        _environment = environment;
        Command = new Command("actions", "List a run's actions as a tree: name, task (a trace's function, marked '(trace)'), parent, group, phase, attempts.") { Run };
        _controlPlane.AddTo(Command);
    }

    public Command Command { get; }

    public Argument<string> Run { get; } = new("run") { Description = "The run's name." };

    public Task<int> InvokeAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken) => RemoteFailures.AsUsageErrorsAsync(async () =>
    {
        var options = ControlPlane.Resolve(_controlPlane.Read(parse), _environment);
        using var remote = ControlPlane.Connect(options);
        var actions = await remote.GetRun(parse.GetValue(Run)!).ListActionsAsync(cancellationToken).ConfigureAwait(false);
        var nodes = ActionTree.Flatten(ActionTree.Build(actions));
        TextTable.Write(console.Out, ["NAME", "TASK", "PARENT", "GROUP", "PHASE", "ATTEMPTS"], nodes.Select(node => (IReadOnlyList<string>)
        [
            new string(' ', 2 * node.Depth) + node.Action.Id.Name,
            RemoteText.TaskName(node.Action.Metadata),
            node.Action.Metadata?.Parent is { Length: > 0 } parent ? parent : "-",
            node.Action.Metadata?.Group is { Length: > 0 } group ? group : "-",
            RemoteText.Phase(node.Action.Status),
            (node.Action.Status?.Attempts ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ]));
        return ExitCodes.Success;
    }, cancellationToken);
}
