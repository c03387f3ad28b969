namespace Flyte.Sdk.Tests.Tasks;

/// <summary>Tasks with triggers (<see cref="TriggerAttribute"/>).</summary>
[TaskEnvironment("scheduled")]
public static partial class Scheduled
{
    [Task]
    [Trigger("nightly", Cron = "0 2 * * *", TimeZone = "Europe/Paris", TimeInput = "at", Inputs = ["days=7", "label=night"], Description = "every night")]
    [Trigger("often", EveryMinutes = 15, Active = false)]
    public static Task<int> Summarise(DateTime at, int days, string label) => Task.FromResult(days + label.Length + at.Hour);

    /// <summary>A trigger that sets one input of three with defaults.</summary>
    [Task]
    [Trigger("weekly", Cron = "0 6 * * 1", TimeInput = "at", Inputs = ["days=7"])]
    public static Task<string> Digest(DateTime at, int days = 1, string label = "digest", bool full = false) => Task.FromResult($"{label} {days} {full} {at:u}");
}
