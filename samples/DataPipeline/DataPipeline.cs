using Flyte;
using Flyte.Tasks;

namespace Samples;

/// <summary>
/// Records, a map, and a flaky source that succeeds on its retry: fetch readings, summarise them
/// per sensor (cached), and report.
/// </summary>
[TaskEnvironment("data-pipeline", Memory = "256Mi")]
public static partial class DataPipeline
{
    private static readonly string[] Sensors = ["attic", "cellar", "garden"];

    /// <summary>The first attempt fails, as a flaky network source would; the retry succeeds.</summary>
    [Task(Retries = 2, Timeout = "1m")]
    public static List<Reading> Fetch(int count, ITaskContext? context = null)
    {
        if (context?.Attempt is null or 0)
        {
            throw new RecoverableException("sensor gateway timed out; retrying");
        }
        var start = new DateTime(2026, 11, 27, 0, 0, 0, DateTimeKind.Utc);
        return Enumerable.Range(0, count)
            .Select(i => new Reading(Sensors[i % Sensors.Length], 10 + (i * 7 % 13), start.AddMinutes(i)))
            .ToList();
    }

    [Task(Cache = true, CacheVersion = "1")]
    public static Dictionary<string, SensorSummary> Summarize(List<Reading> readings) =>
        readings.GroupBy(r => r.Sensor)
            .ToDictionary(
                g => g.Key,
                g => new SensorSummary(g.Key, g.Count(), Math.Round(g.Average(r => r.Celsius), 2), g.Max(r => r.Celsius)));

    [Task]
    public static string Report(Dictionary<string, SensorSummary> summaries) =>
        string.Join("; ", summaries.Values.OrderBy(s => s.Sensor, StringComparer.Ordinal).Select(s => $"{s.Sensor}: {s.Count} readings, mean {s.Mean}, max {s.Max}"));

    [Workflow]
    public static async Task<string> Run(int count)
    {
        await Task.Yield();
        List<Reading> readings = Fetch(count);
        Dictionary<string, SensorSummary> summaries = Summarize(readings);
        return Report(summaries);
    }
}
