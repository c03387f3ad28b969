using System.Globalization;
using Flyte;

namespace DevboxTests;

/// <summary>A point on a grid: a record input, sent as a msgpack STRUCT.</summary>
public sealed record GridPoint(int X, int Y);

/// <summary>A task whose inputs are a list, a map and a record, for the devbox's checks of inputs it did not build itself.</summary>
[TaskEnvironment("shapes")]
public static partial class Shapes
{
    /// <summary>One line that shows every input as received.</summary>
    [Task]
    public static string Describe(List<int> counts, Dictionary<string, double> weights, GridPoint origin) =>
        $"counts {string.Join(",", counts)}; weights {string.Join(",", weights.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => $"{w.Key}={w.Value.ToString(CultureInfo.InvariantCulture)}"))}; origin ({origin.X},{origin.Y})";
}
