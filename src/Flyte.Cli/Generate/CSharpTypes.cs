using System.Text;
using Flyte.Tasks;
using Flyteidl2.Core;
using Google.Protobuf.WellKnownTypes;

namespace Flyte.Cli.Generate;

/// <summary>
/// The C# type a [RemoteTask] declaration uses for a deployed LiteralType, the reverse of the generator's mapping:
/// <c>long</c>, <c>double</c>, <c>string</c>, <c>bool</c>, <c>DateTimeOffset</c>, <c>TimeSpan</c>, lists, dictionaries,
/// <c>T?</c>, files, folders, tables, enums, and records written from a record's JSON schema. Enums and records it
/// needs are collected to be written beside the declaration.
/// </summary>
internal sealed class CSharpTypes
{
    private readonly Dictionary<string, string> _written = new(StringComparer.Ordinal);

    /// <summary>The enum and record declarations the mapped types need, in the order first met.</summary>
    public IEnumerable<string> Declarations => _written.Values;

    /// <summary>The C# type for <paramref name="type"/>; <paramref name="what"/> names the value in errors ("input 'x'").</summary>
    public string Of(LiteralType type, string what, string suggestedName)
    {
        switch (type.TypeCase)
        {
            case LiteralType.TypeOneofCase.Simple:
                return type.Simple switch
                {
                    SimpleType.Integer => "long",
                    SimpleType.Float => "double",
                    SimpleType.String => "string",
                    SimpleType.Boolean => "bool",
                    SimpleType.Datetime => "System.DateTimeOffset",
                    SimpleType.Duration => "System.TimeSpan",
                    SimpleType.Struct => Record(type, what, suggestedName),
                    _ => throw Unsupported(type, what),
                };
            case LiteralType.TypeOneofCase.CollectionType:
                return $"System.Collections.Generic.IReadOnlyList<{Of(type.CollectionType, what, suggestedName)}>";
            case LiteralType.TypeOneofCase.MapValueType:
                return $"System.Collections.Generic.IReadOnlyDictionary<string, {Of(type.MapValueType, what, suggestedName)}>";
            case LiteralType.TypeOneofCase.UnionType when LiteralTypeDescription.OptionalValueType(type) is { } value:
                return Of(value, what, suggestedName) + "?";
            case LiteralType.TypeOneofCase.EnumType:
                return Enum(type.EnumType, what, suggestedName);
            case LiteralType.TypeOneofCase.Blob:
                return type.Blob.Dimensionality == BlobType.Types.BlobDimensionality.Multipart ? "FlyteDirectory" : "FlyteFile";
            case LiteralType.TypeOneofCase.StructuredDatasetType:
                return "DataFrame";
            default:
                throw Unsupported(type, what);
        }
    }

    private string Enum(EnumType type, string what, string suggestedName)
    {
        var invalid = type.Values.Where(v => !Identifiers.IsValid(v)).ToList();
        if (invalid.Count > 0)
        {
            throw new UsageException($"{what} is an enum whose values ({string.Join(", ", invalid)}) are not C# names, which a C# enum needs; declare that input by hand as a string-valued type the deployed task accepts");
        }
        string name = Identifiers.Pascal(suggestedName);
        string key = "enum:" + string.Join("|", type.Values);
        if (!_written.ContainsKey(key))
        {
            _written[key] = $"public enum {name}\n{{\n{string.Join("\n", type.Values.Select(v => $"    {v},"))}\n}}\n";
        }
        return name;
    }

    /// <summary>A record with the schema's properties, by their names on the wire (a Python dataclass's snake_case names included).</summary>
    private string Record(LiteralType type, string what, string suggestedName)
    {
        if (type.Metadata is not { } schema || !schema.Fields.TryGetValue("properties", out var properties) || properties.KindCase != Value.KindOneofCase.StructValue)
        {
            throw new UsageException($"{what} is a record without a JSON schema, so its fields are unknown; declare a record for it by hand");
        }
        return RecordFrom(schema, schema, what, Title(schema) ?? Identifiers.Pascal(suggestedName));
    }

    private string RecordFrom(Struct schema, Struct root, string what, string name)
    {
        string key = "record:" + name;
        if (_written.ContainsKey(key))
        {
            return name;
        }
        _written[key] = "";
        var properties = schema.Fields["properties"].StructValue.Fields;
        var required = schema.Fields.TryGetValue("required", out var list) && list.KindCase == Value.KindOneofCase.ListValue
            ? list.ListValue.Values.Select(v => v.StringValue).ToHashSet(StringComparer.Ordinal)
            : properties.Keys.ToHashSet(StringComparer.Ordinal);
        var parameters = new List<string>();
        foreach (var (field, fieldSchema) in properties)
        {
            if (!Identifiers.IsValid(field))
            {
                throw new UsageException($"{what}: record field '{field}' is not a C# name; declare the record by hand");
            }
            string fieldType = FromSchema(fieldSchema.StructValue, root, $"{what}, field '{field}'", name + Identifiers.Pascal(field));
            parameters.Add($"{(required.Contains(field) || fieldType.EndsWith('?') ? fieldType : fieldType + "?")} {field}");
        }
        var text = new StringBuilder();
        text.Append("public sealed record ").Append(name).Append('(').Append(string.Join(", ", parameters)).Append(");\n");
        _written[key] = text.ToString();
        return name;
    }

    private string FromSchema(Struct schema, Struct root, string what, string suggestedName)
    {
        if (schema.Fields.TryGetValue("$ref", out var reference))
        {
            string target = reference.StringValue.Split('/').Last();
            var definitions = root.Fields.TryGetValue("$defs", out var defs) ? defs : root.Fields.TryGetValue("definitions", out var old) ? old : null;
            if (definitions?.StructValue.Fields.TryGetValue(target, out var definition) != true)
            {
                throw new UsageException($"{what} refers to {reference.StringValue}, which its schema does not define; declare the record by hand");
            }
            return RecordFrom(definition!.StructValue, root, what, Identifiers.Pascal(target));
        }
        if (schema.Fields.TryGetValue("anyOf", out var anyOf) && anyOf.ListValue.Values.Count == 2
            && anyOf.ListValue.Values.SingleOrDefault(v => TypeName(v.StructValue) == "null") is { } none)
        {
            var value = anyOf.ListValue.Values.First(v => v != none);
            return FromSchema(value.StructValue, root, what, suggestedName) + "?";
        }
        return TypeName(schema) switch
        {
            "integer" => "long",
            "number" => "double",
            "boolean" => "bool",
            "string" when schema.Fields.TryGetValue("format", out var format) && format.StringValue == "date-time" => "System.DateTimeOffset",
            "string" => "string",
            "array" when schema.Fields.TryGetValue("items", out var items) =>
                $"System.Collections.Generic.IReadOnlyList<{FromSchema(items.StructValue, root, what, suggestedName)}>",
            "object" when schema.Fields.TryGetValue("properties", out _) => RecordFrom(schema, root, what, Title(schema) ?? suggestedName),
            "object" when schema.Fields.TryGetValue("additionalProperties", out var values) && values.KindCase == Value.KindOneofCase.StructValue =>
                $"System.Collections.Generic.IReadOnlyDictionary<string, {FromSchema(values.StructValue, root, what, suggestedName)}>",
            var other => throw new UsageException($"{what} has JSON schema type '{other ?? "(none)"}', which has no C# counterpart here; declare the record by hand"),
        };
    }

    private static string? TypeName(Struct schema) =>
        schema.Fields.TryGetValue("type", out var type) && type.KindCase == Value.KindOneofCase.StringValue ? type.StringValue : null;

    private static string? Title(Struct schema) =>
        schema.Fields.TryGetValue("title", out var title) && title.KindCase == Value.KindOneofCase.StringValue && Identifiers.IsValid(title.StringValue)
            ? title.StringValue
            : null;

    private static UsageException Unsupported(LiteralType type, string what) =>
        new($"{what} is {LiteralTypeDescription.Of(type)}, which has no C# counterpart a [RemoteTask] declaration can use");
}
