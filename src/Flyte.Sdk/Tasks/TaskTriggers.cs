using Flyte.Generation;
using Flyteidl2.Core;
using Flyteidl2.Task;

namespace Flyte.Tasks;

/// <summary>
/// A task's triggers as <c>DeployTaskRequest.triggers</c> carries them, field for field what flyte-sdk's
/// <c>to_task_trigger</c> (src/flyte/_internal/runtime/trigger_serde.py) writes for the same <c>flyte.Trigger</c>
/// (docs/triggers.md).
/// </summary>
internal static class TaskTriggers
{
    /// <summary>The <c>Inputs.context</c> key flyte-sdk names the scheduled-time input by (KICKOFF_TIME_INPUT_ARG_CONTEXT_KEY).</summary>
    public const string KickoffTimeInputContextKey = "_u_kickoff_time_input_arg";

    /// <summary>The task's triggers, each with its own input values and then the task's defaults for the inputs it leaves
    /// out, as flyte-sdk's <c>process_default_inputs</c> appends <c>spec.default_inputs</c>.</summary>
    public static IEnumerable<TaskTrigger> Of(TaskDefinition task)
    {
        var defaults = task.DefaultInputs;
        return task.Declaration.Triggers.Select(trigger => Create(trigger, task.InputNames.Where(defaults.Literals.ContainsKey)
            .Select(name => new KeyValuePair<string, Flyteidl2.Core.Literal>(name, defaults.Literals[name]))));
    }

    public static TaskTrigger Create(TriggerDeclaration trigger, IEnumerable<KeyValuePair<string, Flyteidl2.Core.Literal>>? taskDefaults = null)
    {
        var inputs = new Flyteidl2.Task.Inputs();
        foreach (var (name, value) in trigger.Inputs)
        {
            inputs.Literals.Add(new NamedLiteral { Name = name, Value = value });
        }
        foreach (var (name, value) in taskDefaults ?? [])
        {
            if (name != trigger.TimeInput && !trigger.Inputs.Any(i => i.Key == name))
            {
                inputs.Literals.Add(new NamedLiteral { Name = name, Value = value });
            }
        }
        var schedule = new Schedule();
        if (trigger.Cron is { } cron)
        {
            schedule.Cron = new Cron { Expression = cron, Timezone = trigger.TimeZone };
        }
        else
        {
            schedule.Rate = new FixedRate { Value = (uint)trigger.EveryMinutes, Unit = FixedRateUnit.Minute };
        }
        if (trigger.TimeInput is { } timeInput)
        {
            schedule.KickoffTimeInputArg = timeInput;
            inputs.Context.Add(new Flyteidl2.Core.KeyValuePair { Key = KickoffTimeInputContextKey, Value = timeInput });
        }
        return new TaskTrigger
        {
            Name = trigger.Name,
            Spec = new TaskTriggerSpec
            {
                Active = trigger.Active,
                Inputs = inputs,
                RunSpec = new RunSpec(),
                Description = trigger.Description ?? "",
            },
            AutomationSpec = new TriggerAutomationSpec { Type = TriggerAutomationSpecType.TypeSchedule, Schedule = schedule },
        };
    }
}
