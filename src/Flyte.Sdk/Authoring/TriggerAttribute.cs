namespace Flyte;

/// <summary>
/// Runs the task on a schedule, as flyte-sdk's <c>flyte.Trigger</c> with a <c>Cron</c> or <c>FixedRate</c> automation
/// does. Deployed with the task; the control plane starts a run at each tick.
/// <code>
/// [Task]
/// [Trigger("nightly", Cron = "0 2 * * *", TimeInput = nameof(scheduledAt), Inputs = ["region=eu"])]
/// public static Task&lt;int&gt; Report(DateTime scheduledAt, string region) => ...;
/// </code>
/// The generator checks every value at compile time: the schedule, the inputs' names and values against the task's
/// parameters, and the time input's type (FLY016). See docs/triggers.md.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class TriggerAttribute : Attribute
{
    /// <summary>A trigger named <paramref name="name"/>, unique among the task's triggers.</summary>
    public TriggerAttribute(string name) => Name = name;

    /// <summary>The trigger's name: letters, digits, '-', '_' and '.', at most 255 characters.</summary>
    public string Name { get; }

    /// <summary>A standard five-field cron expression (minute hour day-of-month month day-of-week), or a descriptor
    /// such as <c>@daily</c>. Set this or <see cref="EveryMinutes"/>.</summary>
    public string? Cron { get; set; }

    /// <summary>The IANA time zone the cron expression is read in; UTC by default.</summary>
    public string? TimeZone { get; set; }

    /// <summary>A fixed rate: a run every so many minutes. Set this or <see cref="Cron"/>.</summary>
    public int EveryMinutes { get; set; }

    /// <summary>The task input that gets the scheduled time of each run (a <c>DateTime</c> or <c>DateTimeOffset</c>
    /// parameter), as flyte-sdk's <c>flyte.TriggerTime</c>.</summary>
    public string? TimeInput { get; set; }

    /// <summary>Values of the task's other inputs, as <c>"name=value"</c>; inputs left out take their defaults.</summary>
    public string[]? Inputs { get; set; }

    /// <summary>Whether the trigger is active once deployed; true by default, as flyte-sdk's <c>auto_activate</c>.</summary>
    public bool Active { get; set; } = true;

    /// <summary>What the trigger is for, shown in listings.</summary>
    public string? Description { get; set; }
}
