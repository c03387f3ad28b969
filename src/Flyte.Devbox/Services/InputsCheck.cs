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

    private static string Describe(LiteralType type) => type.TypeCase switch
    {
        LiteralType.TypeOneofCase.Simple => type.Simple switch
        {
            SimpleType.Integer => "an integer",
            SimpleType.Float => "a float",
            SimpleType.String => "a string",
            SimpleType.Boolean => "a boolean",
            SimpleType.Datetime => "a datetime",
            SimpleType.Duration => "a duration",
            SimpleType.Struct => "a record, as msgpack binary",
            _ => type.Simple.ToString(),
        },
        LiteralType.TypeOneofCase.CollectionType => $"a list of {DescribeMany(type.CollectionType)}",
        LiteralType.TypeOneofCase.MapValueType => $"a map of {DescribeMany(type.MapValueType)}",
        LiteralType.TypeOneofCase.Blob => "a file or directory",
        _ => type.TypeCase.ToString(),
    };

    /// <summary>The items of a list or the values of a map: "integers", "lists of strings".</summary>
    private static string DescribeMany(LiteralType type) => type.TypeCase switch
    {
        LiteralType.TypeOneofCase.Simple => type.Simple switch
        {
            SimpleType.Integer => "integers",
            SimpleType.Float => "floats",
            SimpleType.String => "strings",
            SimpleType.Boolean => "booleans",
            SimpleType.Datetime => "datetimes",
            SimpleType.Duration => "durations",
            SimpleType.Struct => "records, as msgpack binary",
            _ => type.Simple.ToString(),
        },
        LiteralType.TypeOneofCase.CollectionType => $"lists of {DescribeMany(type.CollectionType)}",
        LiteralType.TypeOneofCase.MapValueType => $"maps of {DescribeMany(type.MapValueType)}",
        LiteralType.TypeOneofCase.Blob => "files or directories",
        _ => type.TypeCase.ToString(),
    };

    private static string Names(IEnumerable<string> names) => names.Any() ? string.Join(", ", names.Order(StringComparer.Ordinal)) : "none";
}
