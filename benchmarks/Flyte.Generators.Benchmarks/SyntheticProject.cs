using System.Globalization;
using System.Text;

namespace Flyte.Generators.Benchmarks;

/// <summary>
/// The source of a large pipeline project: records (each with scalars, a nullable, a list, a map, an enum, and in nine
/// of ten the previous record nested, so records nest up to ten deep) and task classes whose tasks take and return them.
/// </summary>
internal static class SyntheticProject
{
    public const int Records = 200;
    public const int Tasks = 500;
    private const int TasksPerClass = 10;

    public static string RecordsFile()
    {
        var source = new StringBuilder("using System.Collections.Generic;\nnamespace Synthetic.Data;\npublic enum Level { Low, Medium, High }\n");
        for (int i = 0; i < Records; i++)
        {
            string nested = i % 10 == 0 ? "" : $", Record{i - 1}? Previous";
            source.Append(CultureInfo.InvariantCulture,
                $"public sealed record Record{i}(int Id, string Name, double? Score, List<int> Values, Dictionary<string, string> Tags, Level Level{nested});\n");
        }
        return source.ToString();
    }

    /// <summary>One file per task class; task <c>i</c> takes and returns record <c>i % Records</c>.</summary>
    public static IEnumerable<(string Path, string Source)> TaskFiles()
    {
        for (int c = 0; c < Tasks / TasksPerClass; c++)
        {
            var source = new StringBuilder("using System.Threading.Tasks;\nusing Flyte;\nusing Synthetic.Data;\nnamespace Synthetic.Tasks;\n");
            source.Append(CultureInfo.InvariantCulture, $"public static partial class Stage{c}\n{{\n");
            for (int t = 0; t < TasksPerClass; t++)
            {
                int task = c * TasksPerClass + t;
                int record = task % Records;
                source.Append(CultureInfo.InvariantCulture,
                    $"    [Task(Retries = 1)]\n    public static Record{record} Step{task}(Record{record} input, int factor) => input with {{ Id = input.Id * factor + {task} }};\n");
            }
            source.Append("}\n");
            yield return ($"Stage{c}.cs", source.ToString());
        }
    }
}
