using System.Text.RegularExpressions;

namespace Flyte.Tasks;

/// <summary>
/// What an executor does to a task container's args before starting it (docs/protocol.md, Placeholders): each <c>{{.name}}</c> whose
/// name it knows, matched case-insensitively, is replaced by its value; the rest are left for <c>a0</c>, which falls
/// back to the environment for run and action names.
/// </summary>
internal static partial class ContainerPlaceholders
{
    public const string Input = "input";
    public const string InputPrefix = "inputPrefix";
    public const string OutputPrefix = "outputPrefix";
    public const string RawOutputDataPrefix = "rawOutputDataPrefix";
    public const string CheckpointOutputPrefix = "checkpointOutputPrefix";
    public const string PrevCheckpointPrefix = "prevCheckpointPrefix";
    public const string PerRetryUniqueKey = "perRetryUniqueKey";
    public const string TaskTemplatePath = "taskTemplatePath";
    public const string RunStartTime = "runStartTime";

    /// <param name="values">Placeholder name (without <c>{{.</c> and <c>}}</c>; <c>Inputs.x</c> for an input) → value.</param>
    public static IReadOnlyList<string> Render(IEnumerable<string> args, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(values);
        var byName = new Dictionary<string, string>(values, StringComparer.OrdinalIgnoreCase);
        return args.Select(arg => Placeholder().Replace(arg, match =>
            byName.TryGetValue(match.Groups[1].Value, out var value) ? value : match.Value)).ToList();
    }

    [GeneratedRegex(@"\{\{\s*\.([A-Za-z][A-Za-z0-9_.]*)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
