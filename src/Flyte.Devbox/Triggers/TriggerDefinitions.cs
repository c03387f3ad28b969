using Flyte.Devbox.State;
using Flyteidl2.Core;
using Flyteidl2.Task;
using Flyteidl2.Trigger;
using Google.Protobuf;
using Grpc.Core;

namespace Flyte.Devbox.Triggers;

/// <summary>
/// Triggers as sent by DeployTask (TaskTrigger) and DeployTrigger (TriggerSpec), checked against their task and turned
/// into records (docs/triggers.md). A bad trigger is refused with INVALID_ARGUMENT, one line naming it.
/// </summary>
public static class TriggerDefinitions
{
    public const int DescriptionLength = 255;

    /// <summary>A trigger of a task being deployed; its task_version is the deployed version.</summary>
    public static TriggerRecord FromTaskTrigger(TaskTrigger trigger, TaskKey task, TaskSpec spec)
    {
        string name = Services.Identifiers.TriggerName(trigger.Name, "triggers.name");
        var given = trigger.Spec ?? throw Invalid($"trigger \"{name}\" has no spec");
        var stored = new TriggerSpec
        {
            Inputs = given.Inputs ?? new Inputs(),
            RunSpec = given.RunSpec,
            Active = given.Active,
            TaskVersion = task.Version,
            Description = Cut(given.Description),
        };
        return Record(new TriggerKey(task.Org, task.Project, task.Domain, task.Name, name), stored, trigger.AutomationSpec, spec);
    }

    /// <summary>A trigger sent by DeployTrigger, for the task version it names.</summary>
    public static TriggerRecord FromTriggerSpec(TriggerKey key, TriggerSpec given, TriggerAutomationSpec? automation, TaskSpec spec)
    {
        var stored = given.Clone();
        stored.Inputs ??= new Inputs();
        stored.Description = Cut(given.Description);
        return Record(key, stored, automation, spec);
    }

    /// <summary>The schedule of a stored schedule trigger; null for any other.</summary>
    public static TriggerSchedule? ScheduleOf(TriggerRecord trigger, out string? kickoffInput)
    {
        kickoffInput = null;
        var automation = TriggerAutomationSpec.Parser.ParseFrom(trigger.AutomationSpec);
        if (automation.Schedule is not { } schedule)
        {
            return null;
        }
        kickoffInput = string.IsNullOrEmpty(schedule.KickoffTimeInputArg) ? null : schedule.KickoffTimeInputArg;
        return TriggerSchedule.Parse(trigger.Key.Name, schedule).Schedule;
    }

    private static TriggerRecord Record(TriggerKey key, TriggerSpec stored, TriggerAutomationSpec? automation, TaskSpec spec)
    {
        var declared = (spec.TaskTemplate?.Interface?.Inputs?.Variables ?? []).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        foreach (var literal in stored.Inputs.Literals)
        {
            if (!declared.ContainsKey(literal.Name))
            {
                throw Invalid($"trigger \"{key.Name}\" sets input \"{literal.Name}\", which task {key.TaskName} does not have; its inputs: {Names(declared.Keys)}");
            }
        }
        // As the open-source backend stores it: a schedule makes TYPE_SCHEDULE, anything else TYPE_NONE (inert).
        var type = TriggerAutomationSpecType.TypeNone;
        var automationSpec = automation?.Clone() ?? new TriggerAutomationSpec();
        if (automationSpec.Schedule is { } schedule)
        {
            if (TriggerSchedule.Parse(key.Name, schedule).Problem is { } problem)
            {
                throw Invalid(problem);
            }
            if (schedule.KickoffTimeInputArg is { Length: > 0 } kickoff)
            {
                if (!declared.TryGetValue(kickoff, out var variable))
                {
                    throw Invalid($"trigger \"{key.Name}\" passes its fire time as input \"{kickoff}\", which task {key.TaskName} does not have; its inputs: {Names(declared.Keys)}");
                }
                if (variable.Type is not { TypeCase: LiteralType.TypeOneofCase.Simple, Simple: SimpleType.Datetime })
                {
                    throw Invalid($"trigger \"{key.Name}\" passes its fire time as input \"{kickoff}\" of task {key.TaskName}, which is not a datetime");
                }
            }
            type = TriggerAutomationSpecType.TypeSchedule;
        }
        automationSpec.Type = type;
        return new TriggerRecord(key, 0, stored.TaskVersion, stored.Active, (int)type, automationSpec.ToByteArray(), stored.ToByteArray(),
            stored.Description, default, default, null, null);
    }

    private static string Cut(string description) => description.Length <= DescriptionLength ? description : description[..DescriptionLength];

    private static string Names(IEnumerable<string> names) => names.Any() ? string.Join(", ", names.Order(StringComparer.Ordinal)) : "none";

    private static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));
}
