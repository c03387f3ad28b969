namespace Flyte.Fuzz.Targets;

public enum Color { Red, Green, Blue }

public sealed record Point(int X, double Y, string? Label);

/// <summary>
/// The tasks whose inputs the CLI target parses: one with an optional input of every kind the command line reads
/// (so any subset may be given), and one with required inputs (so the missing-input path runs too).
/// </summary>
[TaskEnvironment("fuzz")]
public static partial class CliInputTasks
{
    [Task]
    public static int Everything(
        int? count, long? big, double? ratio, bool? flag, string? name, DateTime? at, DateTimeOffset? moment, TimeSpan? after,
        decimal? amount, Guid? id, Color? color, Point? point, List<int>? values, Dictionary<string, List<double>>? weights,
        List<Point>? points, FlyteFile? file, FlyteDirectory? folder) => 0;

    [Task]
    public static int Required(int count, string name, List<Point> points, Color color) => 0;
}
