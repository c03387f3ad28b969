using Flyte.Sdk.Tests.Tasks;
using Flyte.Tasks;
using Flyteidl2.Task;

namespace Flyte.Sdk.Tests;

/// <summary>
/// A task's [Trigger]s as DeployTaskRequest.triggers carries them, compared with what flyte-sdk's to_task_trigger
/// (src/flyte/_internal/runtime/trigger_serde.py) writes for
/// <c>flyte.Trigger("nightly", flyte.Cron("0 2 * * *", timezone="Europe/Paris"), inputs={"at": flyte.TriggerTime,
/// "days": 7, "label": "night"}, description="every night")</c> and
/// <c>flyte.Trigger("often", flyte.FixedRate(15), auto_activate=False)</c>.
/// </summary>
public sealed class TriggerSpecTests
{
    private static IReadOnlyList<TaskTrigger> Triggers => TaskTriggers.Of(Scheduled.FlyteTasks.Summarise).ToList();

    [Fact]
    public void A_cron_trigger_carries_its_schedule_time_zone_time_input_and_input_values()
    {
        var nightly = Triggers.Single(t => t.Name == "nightly");

        Assert.Equal(TriggerAutomationSpecType.TypeSchedule, nightly.AutomationSpec.Type);
        var schedule = nightly.AutomationSpec.Schedule;
        Assert.Equal(Schedule.ExpressionOneofCase.Cron, schedule.ExpressionCase);
        Assert.Equal("0 2 * * *", schedule.Cron.Expression);
        Assert.Equal("Europe/Paris", schedule.Cron.Timezone);
        Assert.Equal("at", schedule.KickoffTimeInputArg);
        Assert.True(nightly.Spec.Active);
        Assert.Equal("every night", nightly.Spec.Description);
        Assert.NotNull(nightly.Spec.RunSpec);
        Assert.Equal(["days", "label"], nightly.Spec.Inputs.Literals.Select(l => l.Name));
        Assert.Equal(7, nightly.Spec.Inputs.Literals[0].Value.Scalar.Primitive.Integer);
        Assert.Equal("night", nightly.Spec.Inputs.Literals[1].Value.Scalar.Primitive.StringValue);
        var context = Assert.Single(nightly.Spec.Inputs.Context);
        Assert.Equal(("_u_kickoff_time_input_arg", "at"), (context.Key, context.Value));
    }

    [Fact]
    public void A_fixed_rate_trigger_is_a_rate_in_minutes_and_may_start_inactive()
    {
        var often = Triggers.Single(t => t.Name == "often");

        Assert.Equal(Schedule.ExpressionOneofCase.Rate, often.AutomationSpec.Schedule.ExpressionCase);
        Assert.Equal(15u, often.AutomationSpec.Schedule.Rate.Value);
        Assert.Equal(FixedRateUnit.Minute, often.AutomationSpec.Schedule.Rate.Unit);
        Assert.Null(often.AutomationSpec.Schedule.Rate.StartTime);
        Assert.Equal("", often.AutomationSpec.Schedule.KickoffTimeInputArg);
        Assert.False(often.Spec.Active);
        Assert.Empty(often.Spec.Inputs.Literals);
        Assert.Empty(often.Spec.Inputs.Context);
    }

    [Fact]
    public void A_triggers_inputs_are_its_own_values_then_the_task_defaults_it_leaves_out()
    {
        // flyte-sdk's process_default_inputs: the trigger's inputs in order, then every task default not overridden.
        var weekly = Assert.Single(TaskTriggers.Of(Scheduled.FlyteTasks.Digest));

        Assert.Equal(["days", "label", "full"], weekly.Spec.Inputs.Literals.Select(l => l.Name));
        Assert.Equal(7, weekly.Spec.Inputs.Literals[0].Value.Scalar.Primitive.Integer);
        Assert.Equal("digest", weekly.Spec.Inputs.Literals[1].Value.Scalar.Primitive.StringValue);
        Assert.False(weekly.Spec.Inputs.Literals[2].Value.Scalar.Primitive.Boolean);
    }

    [Fact]
    public void A_task_without_triggers_deploys_none()
    {
        Assert.Empty(TaskTriggers.Of(Pipeline.FlyteTasks.Square));
    }
}
