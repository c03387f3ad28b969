using System.CommandLine;
using Flyteidl2.Common;
using Flyteidl2.Trigger;

namespace Flyte.Cli.Remote;

/// <summary>
/// <c>flyte delete trigger NAME TASK [--project P] [--domain D]</c>: a soft delete, as flyte-sdk's
/// <c>flyte delete trigger</c> (DeleteTriggers). The trigger stops firing and is no longer listed; deploying the task
/// with it again brings it back.
/// </summary>
internal sealed class DeleteTriggerCommand
{
    private readonly ControlPlaneOptions _controlPlane = new();
    private readonly CliEnvironment _environment;

    public DeleteTriggerCommand(CliEnvironment environment)
    {
        _environment = environment;
        Trigger = new Command("trigger", "Delete a task's trigger: it stops firing and is no longer listed; deploying the task with it again restores it.") { Name, Task };
        _controlPlane.AddTo(Trigger);
    }

    public Command Trigger { get; }

    public Argument<string> Name { get; } = new("name") { Description = "The trigger's name." };

    public Argument<string> Task { get; } = new("task") { Description = "The name of the trigger's task, such as quickstart.Square." };

    public Task<int> InvokeAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken) => RemoteFailures.AsUsageErrorsAsync(async () =>
    {
        var options = ControlPlane.Resolve(_controlPlane.Read(parse), _environment);
        using var remote = ControlPlane.Connect(options);
        var name = new TriggerName { Org = options.Org, Project = options.Project, Domain = options.Domain, Name = parse.GetValue(Name)!, TaskName = parse.GetValue(Task)! };
        await ExistingTrigger.RequireAsync(remote, name, cancellationToken).ConfigureAwait(false);
        await remote.CallAsync(async () => await remote.Triggers.DeleteTriggersAsync(new DeleteTriggersRequest { Names = { name } },
            cancellationToken: cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        await console.Out.WriteLineAsync($"trigger {name.Name} of {name.TaskName} deleted").ConfigureAwait(false);
        return ExitCodes.Success;
    }, cancellationToken);
}
