using System.CommandLine;
using Flyteidl2.Common;
using Flyteidl2.Trigger;

namespace Flyte.Cli.Remote;

/// <summary><c>flyte update trigger NAME TASK --activate|--deactivate [--project P] [--domain D]</c>.</summary>
internal sealed class UpdateTriggerCommand
{
    private readonly ControlPlaneOptions _controlPlane = new();
    private readonly CliEnvironment _environment;

    public UpdateTriggerCommand(CliEnvironment environment)
    {
        _environment = environment;
        Trigger = new Command("trigger", "Activate or deactivate a task's trigger.") { Name, Task, Activate, Deactivate };
        _controlPlane.AddTo(Trigger);
        Command = new Command("update", "Change things on the control plane.") { Trigger };
    }

    public Command Command { get; }

    public Command Trigger { get; }

    public Argument<string> Name { get; } = new("name") { Description = "The trigger's name." };

    public Argument<string> Task { get; } = new("task") { Description = "The name of the trigger's task, such as quickstart.Square." };

    public Option<bool> Activate { get; } = new("--activate") { Description = "Let the trigger fire from its next tick on." };

    public Option<bool> Deactivate { get; } = new("--deactivate") { Description = "Stop the trigger from firing." };

    public Task<int> InvokeAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken) => RemoteFailures.AsUsageErrorsAsync(async () =>
    {
        bool activate = parse.GetValue(Activate);
        if (activate == parse.GetValue(Deactivate))
        {
            throw new UsageException("give one of --activate and --deactivate (see 'flyte update trigger --help')");
        }
        var options = ControlPlane.Resolve(_controlPlane.Read(parse), _environment);
        using var remote = ControlPlane.Connect(options);
        var name = new TriggerName { Org = options.Org, Project = options.Project, Domain = options.Domain, Name = parse.GetValue(Name)!, TaskName = parse.GetValue(Task)! };
        await ExistingTrigger.RequireAsync(remote, name, cancellationToken).ConfigureAwait(false);
        await remote.CallAsync(async () => await remote.Triggers.UpdateTriggersAsync(new UpdateTriggersRequest { Names = { name }, Active = activate },
            cancellationToken: cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        await console.Out.WriteLineAsync($"trigger {name.Name} of {name.TaskName} is {(activate ? "active" : "inactive")}").ConfigureAwait(false);
        return ExitCodes.Success;
    }, cancellationToken);
}
