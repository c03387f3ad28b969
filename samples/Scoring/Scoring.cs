using System.Globalization;
using Flyte;

namespace Samples;

/// <summary>
/// A leaderboard refreshed every hour. It calls a task deployed from another assembly, by name: the quickstart
/// sample's Square. Deploy that one first (flyte deploy samples/Quickstart); any task of any language deployed under
/// that name with the same interface would do.
/// </summary>
[TaskEnvironment("scoring")]
public static partial class Scoring
{
    /// <summary>The quickstart sample's task, declared here by name; the generator writes the body, which runs it.</summary>
    [RemoteTask("quickstart.Square")]
    public static partial Task<int> Square(int x);

    /// <summary>
    /// Scores players 1..players by the square of their number. The hourly trigger passes its fire time as
    /// <paramref name="at"/> and 5 players; a run that gives no number of players gets the default, 3.
    /// </summary>
    [Workflow]
    [Trigger("hourly", Cron = "0 * * * *", TimeInput = "at", Inputs = ["players=5"], Description = "refresh the leaderboard every hour")]
    public static async Task<string> Leaderboard(DateTimeOffset at, int players = 3)
    {
        var scores = await Task.WhenAll(Enumerable.Range(1, players).Select(player => Square(player)));
        string board = string.Join(", ", scores.Select((score, i) => $"player {i + 1}: {score}"));
        return $"{at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC, {board}";
    }
}
