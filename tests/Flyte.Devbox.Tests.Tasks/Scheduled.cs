using System.Globalization;
using Flyte;

namespace DevboxTests;

/// <summary>
/// A task with a schedule, for triggered runs on the devbox. Its trigger is deployed inactive, so it fires only where a
/// test activates it and moves the devbox's clock, never in the tests that deploy every task of this project.
/// </summary>
[TaskEnvironment("scheduled")]
public static partial class Scheduled
{
    /// <summary>The trigger's fixed input and the scheduled time the run was started for, in one line.</summary>
    [Task]
    [Trigger("morning", Cron = "30 6 * * *", TimeZone = "Europe/Paris", TimeInput = "at", Inputs = ["greeting=good morning"], Active = false)]
    public static string Greet(DateTimeOffset at, string greeting) =>
        $"{greeting}, it is {at.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture)}";
}
