using System.CommandLine;
using System.Globalization;
using Flyteidl2.Common;
using Flyteidl2.Task;
using Flyteidl2.Trigger;

namespace Flyte.Cli.Remote;

/// <summary><c>flyte get triggers [TASK] [--project P] [--domain D]</c>: the triggers of a project and domain, or of one task.</summary>
internal sealed class GetTriggersCommand
{
    private readonly ControlPlaneOptions _controlPlane = new();
    private readonly CliEnvironment _environment;

    public GetTriggersCommand(CliEnvironment environment)
    {
        _environment = environment;
        Command = new Command("triggers", "List the triggers of the project and domain, or of one task.") { Task };
        _controlPlane.AddTo(Command);
    }

    public Command Command { get; }

    public Argument<string?> Task { get; } = new("task") { Description = "A task's name, such as quickstart.Square.", Arity = ArgumentArity.ZeroOrOne };

    public Task<int> InvokeAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken) => RemoteFailures.AsUsageErrorsAsync(async () =>
    {
        var options = ControlPlane.Resolve(_controlPlane.Read(parse), _environment);
        using var remote = ControlPlane.Connect(options);
        string task = parse.GetValue(Task) ?? "";
        var triggers = new List<Trigger>();
        string token = "";
        do
        {
            var request = new ListTriggersRequest { Request = new ListRequest { Limit = 100, Token = token } };
            if (task.Length > 0)
            {
                request.TaskName = new TaskName { Org = options.Org, Project = options.Project, Domain = options.Domain, Name = task };
            }
            else
            {
                request.ProjectId = new ProjectIdentifier { Organization = options.Org, Name = options.Project, Domain = options.Domain };
            }
            var page = await remote.CallAsync(async () => await remote.Triggers.ListTriggersAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
            triggers.AddRange(page.Triggers);
            token = page.Token;
        }
        while (token.Length > 0);
        TextTable.Write(console.Out, ["NAME", "TASK", "AUTOMATION", "ACTIVE"], triggers.Select(trigger => (IReadOnlyList<string>)
        [
            trigger.Id.Name.Name,
            trigger.Id.Name.TaskName,
            Automation(trigger.AutomationSpec),
            trigger.Active ? "yes" : "no",
        ]));
        return ExitCodes.Success;
    }, cancellationToken);

    /// <summary>A trigger's automation in words: <c>cron: 0 * * * * (UTC)</c>, <c>every 30 minutes</c>, <c>none</c>.</summary>
    internal static string Automation(TriggerAutomationSpec? automation)
    {
        if (automation?.Schedule is not { } schedule)
        {
            return "none";
        }
        string text = schedule.ExpressionCase switch
        {
            Schedule.ExpressionOneofCase.Cron => $"cron: {schedule.Cron.Expression} ({(schedule.Cron.Timezone.Length > 0 ? schedule.Cron.Timezone : "UTC")})",
#pragma warning disable CS0612 // the deprecated field, shown when a trigger still has it
            Schedule.ExpressionOneofCase.CronExpression => $"cron: {schedule.CronExpression}",
#pragma warning restore CS0612
            Schedule.ExpressionOneofCase.Rate => Rate(schedule.Rate),
            _ => "none",
        };
        return schedule.KickoffTimeInputArg.Length > 0 ? $"{text}, time in {schedule.KickoffTimeInputArg}" : text;
    }

    private static string Rate(FixedRate rate)
    {
        string unit = rate.Unit switch
        {
            FixedRateUnit.Hour => "hour",
            FixedRateUnit.Day => "day",
            _ => "minute",
        };
        string every = $"every {rate.Value.ToString(CultureInfo.InvariantCulture)} {unit}{(rate.Value == 1 ? "" : "s")}";
        return rate.StartTime is { } start ? $"{every} from {start.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC" : every;
    }
}
