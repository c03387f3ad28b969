using System.CommandLine;
using System.Globalization;
using Flyteidl2.Common;
using Flyteidl2.Task;

namespace Flyte.Cli.Remote;

/// <summary>
/// <c>flyte get tasks [--project P] [--domain D]</c>: the tasks deployed in a project and domain, each at its newest
/// version: the names a [RemoteTask] declaration or <c>flyte generate remote-task</c> takes.
/// </summary>
internal sealed class GetTasksCommand
{
    private readonly ControlPlaneOptions _controlPlane = new();
    private readonly CliEnvironment _environment;

    public GetTasksCommand(CliEnvironment environment)
    {
        _environment = environment;
        Command = new Command("tasks", "List the tasks deployed in the project and domain, each at its newest version.");
        _controlPlane.AddTo(Command);
    }

    public Command Command { get; }

    public Task<int> InvokeAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken) => RemoteFailures.AsUsageErrorsAsync(async () =>
    {
        var options = ControlPlane.Resolve(_controlPlane.Read(parse), _environment);
        using var remote = ControlPlane.Connect(options);
        var tasks = new List<Flyteidl2.Task.Task>();
        string token = "";
        do
        {
            var request = new ListTasksRequest
            {
                Request = new ListRequest { Limit = 100, Token = token },
                ProjectId = new ProjectIdentifier { Organization = options.Org, Name = options.Project, Domain = options.Domain },
            };
            var page = await remote.CallAsync(async () => await remote.Tasks.ListTasksAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
            tasks.AddRange(page.Tasks);
            token = page.Token;
        }
        while (token.Length > 0);
        TextTable.Write(console.Out, ["NAME", "VERSION", "DEPLOYED", "DESCRIPTION"], tasks.OrderBy(t => t.TaskId.Name, StringComparer.Ordinal).Select(task => (IReadOnlyList<string>)
        [
            task.TaskId.Name,
            task.TaskId.Version,
            task.Metadata?.DeployedAt is { } at ? at.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "",
            task.Metadata?.ShortDescription ?? "",
        ]));
        return ExitCodes.Success;
    }, cancellationToken);
}
