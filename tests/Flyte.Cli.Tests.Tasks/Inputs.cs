using System.Globalization;

namespace Flyte.Cli.Tests.Tasks;

/// <summary>One task per kind of input the command line parses; each answers with what it received.</summary>
[TaskEnvironment("cli")]
public static partial class Inputs
{
    [Task(Description = "Formats its scalar inputs.")]
    public static string Scalars(int count, double ratio, bool flag, string name) =>
        string.Create(CultureInfo.InvariantCulture, $"{name}:{count}:{ratio}:{flag}");

    [Task]
    public static double Weighted(List<int> values, Dictionary<string, double> weights) =>
        values.Sum() * weights.Values.Sum();

    [Task]
    public static Point Move(Point point, Color color, int? step) =>
        point with { X = point.X + (step ?? 1), Label = $"{point.Label}/{color}" };

    [Task]
    public static DateTime Later(DateTime at, TimeSpan after) => at + after;

    [Task]
    public static long FileLength(FlyteFile file) => new FileInfo(file.Uri).Length;

    [Task]
    public static int CountEntries(FlyteDirectory directory) => Directory.GetFileSystemEntries(directory.Uri).Length;

    [Task]
    public static (int Sum, List<string> Names) Tuple(List<string> names) => (names.Count, names);
}
