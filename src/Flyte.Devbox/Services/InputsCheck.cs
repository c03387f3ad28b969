using Flyteidl2.Core;
using Flyteidl2.Task;
using Task = System.Threading.Tasks.Task;

namespace Flyte.Devbox.Services;

/// <summary>
/// Checks a run's inputs against its task's interface before anything is stored: every declared input present (or
/// defaulted by the spec), no undeclared ones, and each value of the declared kind. Returns one line saying what is
/// wrong, or null.
/// </summary>
public static class InputsCheck
{
    public static string? Problem(TaskSpec spec, Inputs inputs)
    {
        string task = spec.TaskTemplate?.Id?.Name ?? "the task";
        var declared = (spec.TaskTemplate?.Interface?.Inputs?.Variables ?? []).ToDictionary(v => v.Key, v => v.Value.Type, StringComparer.Ordinal);
        var defaults = new HashSet<string>((spec.DefaultInputs ?? []).Select(d => d.Name), StringComparer.Ordinal);
        var given = new Dictionary<string, Literal>(StringComparer.Ordinal);
        foreach (var literal in inputs.Literals)
        {
            if (!declared.ContainsKey(literal.Name))
            {
                return $"{task} has no input '{literal.Name}'; its inputs: {Names(declared.Keys)}";
            }
            if (!given.TryAdd(literal.Name, literal.Value))
            {
                return $"input '{literal.Name}' of {task} is given twice";
            }
        }
        foreach (var (name, type) in declared)
        {
            if (!given.TryGetValue(name, out var value))
            {
                if (!defaults.Contains(name) && type.TypeCase != LiteralType.TypeOneofCase.UnionType)
                {
                    return $"{task} needs input '{name}', {Describe(type)}; none was given";
                }
                continue;
            }
            if (!Matches(type, value))
            {
                return $"input '{name}' of {task} must be {Describe(type)}";
            }
        }
        return null;
    }

    private static bool Matches(LiteralType type, Literal value) => type.TypeCase switch
    {
        LiteralType.TypeOneofCase.Simple => MatchesSimple(type.Simple, value),
        LiteralType.TypeOneofCase.CollectionType => value.ValueCase == Literal.ValueOneofCase.Collection
            && value.Collection.Literals.All(item => Matches(type.CollectionType, item)),
        LiteralType.TypeOneofCase.MapValueType => value.ValueCase == Literal.ValueOneofCase.Map
            && value.Map.Literals.Values.All(item => Matches(type.MapValueType, item)),
        LiteralType.TypeOneofCase.Blob => value.Scalar?.ValueCase == Scalar.ValueOneofCase.Blob,
        LiteralType.TypeOneofCase.StructuredDatasetType => value.Scalar?.ValueCase == Scalar.ValueOneofCase.StructuredDataset,
        // Unions, enums and the rest are checked by the task itself when it decodes them.
        _ => true,
    };

    private static bool MatchesSimple(SimpleType simple, Literal value)
    {
        var scalar = value.Scalar;
        return simple switch
        {
            SimpleType.Integer => scalar?.Primitive?.ValueCase == Primitive.ValueOneofCase.Integer,
            SimpleType.Float => scalar?.Primitive?.ValueCase is Primitive.ValueOneofCase.FloatValue or Primitive.ValueOneofCase.Integer,
            SimpleType.String => scalar?.Primitive?.ValueCase == Primitive.ValueOneofCase.StringValue,
            SimpleType.Boolean => scalar?.Primitive?.ValueCase == Primitive.ValueOneofCase.Boolean,
            SimpleType.Datetime => scalar?.Primitive?.ValueCase == Primitive.ValueOneofCase.Datetime,
            SimpleType.Duration => scalar?.Primitive?.ValueCase == Primitive.ValueOneofCase.Duration,
            SimpleType.Struct => scalar?.ValueCase is Scalar.ValueOneofCase.Binary or Scalar.ValueOneofCase.Generic,
            SimpleType.None => scalar?.ValueCase == Scalar.ValueOneofCase.NoneType,
            _ => true,
        };
    }

    /// <summary>
    /// A type in words: "an integer", "a list of strings"; with <paramref name="plural"/>, the items of a list or the
    /// values of a map: "integers", "lists of strings".
    /// </summary>
    private static string Describe(LiteralType type, bool plural = false) => type.TypeCase switch
    {
        LiteralType.TypeOneofCase.Simple => type.Simple switch
        {
            SimpleType.Integer => plural ? "integers" : "an integer",
            SimpleType.Float => plural ? "floats" : "a float",
            SimpleType.String => plural ? "strings" : "a string",
            SimpleType.Boolean => plural ? "booleans" : "a boolean",
            SimpleType.Datetime => plural ? "datetimes" : "a datetime",
            SimpleType.Duration => plural ? "durations" : "a duration",
            SimpleType.Struct => plural ? "records, as msgpack binary" : "a record, as msgpack binary",
            _ => type.Simple.ToString(),
        },
        LiteralType.TypeOneofCase.CollectionType => $"{(plural ? "lists" : "a list")} of {Describe(type.CollectionType, plural: true)}",
        LiteralType.TypeOneofCase.MapValueType => $"{(plural ? "maps" : "a map")} of {Describe(type.MapValueType, plural: true)}",
        LiteralType.TypeOneofCase.Blob => plural ? "files or directories" : "a file or directory",
        LiteralType.TypeOneofCase.StructuredDatasetType => plural ? "tables (structured datasets)" : "a table (structured dataset)",
        _ => type.TypeCase.ToString(),
    };

    private static string Names(IEnumerable<string> names) => names.Any() ? string.Join(", ", names.Order(StringComparer.Ordinal)) : "none";
}
