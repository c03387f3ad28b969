using Google.Protobuf.WellKnownTypes;

namespace Flyte.Cli.Json;

/// <summary>
/// A read-only view of one node of a STRUCT's JSON schema (as LiteralType.metadata carries it):
/// its type, properties, items, enum members and alternatives, with <c>$ref</c>s followed.
/// </summary>
internal sealed class StructSchema
{
    private readonly Struct _node;
    private readonly Struct _root;

    private StructSchema(Struct node, Struct root)
    {
        _node = node;
        _root = root;
    }

    /// <summary>The root of a schema, or null when there is none to check against.</summary>
    public static StructSchema? Root(Struct? schema) =>
        schema is null || schema.Fields.Count == 0 ? null : new StructSchema(schema, schema).Resolved();

    public string? Title => String("title");

    public string? Format => String("format");

    /// <summary>The JSON types allowed here ("integer", "string", …); empty when any type is.</summary>
    public IReadOnlyList<string> Types => Field("type") switch
    {
        { KindCase: Value.KindOneofCase.StringValue } type => [type.StringValue],
        { KindCase: Value.KindOneofCase.ListValue } list => list.ListValue.Values
            .Where(v => v.KindCase == Value.KindOneofCase.StringValue).Select(v => v.StringValue).ToArray(),
        _ => [],
    };

    public IReadOnlyList<string>? EnumValues => Field("enum") is { KindCase: Value.KindOneofCase.ListValue } list
        ? list.ListValue.Values.Select(v => v.KindCase == Value.KindOneofCase.StringValue ? v.StringValue : v.ToString()).ToArray()
        : null;

    /// <summary>The declared properties in schema order, or null when the node declares none.</summary>
    public IReadOnlyList<KeyValuePair<string, StructSchema>>? Properties => Field("properties") is { KindCase: Value.KindOneofCase.StructValue } properties
        ? properties.StructValue.Fields.Select(f => new KeyValuePair<string, StructSchema>(f.Key, Child(f.Value))).ToArray()
        : null;

    public IReadOnlyList<string> Required => Field("required") is { KindCase: Value.KindOneofCase.ListValue } list
        ? list.ListValue.Values.Where(v => v.KindCase == Value.KindOneofCase.StringValue).Select(v => v.StringValue).ToArray()
        : [];

    public StructSchema? Items => Field("items") is { KindCase: Value.KindOneofCase.StructValue } items ? Child(items) : null;

    /// <summary>The schema of the values of a map-like object, or null.</summary>
    public StructSchema? AdditionalProperties =>
        Field("additionalProperties") is { KindCase: Value.KindOneofCase.StructValue } values ? Child(values) : null;

    /// <summary>Properties beyond those declared are allowed only when the schema says so.</summary>
    public bool AllowsUndeclaredProperties => Field("additionalProperties") switch
    {
        { KindCase: Value.KindOneofCase.BoolValue } allowed => allowed.BoolValue,
        { KindCase: Value.KindOneofCase.StructValue } => true,
        _ => false,
    };

    /// <summary>The alternatives of an <c>anyOf</c> or <c>oneOf</c>, or null.</summary>
    public IReadOnlyList<StructSchema>? Alternatives =>
        (Field("anyOf") ?? Field("oneOf")) is { KindCase: Value.KindOneofCase.ListValue } list
            ? list.ListValue.Values.Where(v => v.KindCase == Value.KindOneofCase.StructValue).Select(Child).ToArray()
            : null;

    public bool AllowsNull => Types.Contains("null") || (Alternatives?.Any(a => a.AllowsNull) ?? false);

    private StructSchema Child(Value value) => new StructSchema(value.StructValue, _root).Resolved();

    private StructSchema Resolved()
    {
        var node = this;
        // A bound on the hops keeps a cyclic "$ref" from looping forever.
        for (int hops = 0; hops < 32 && node.String("$ref") is { } reference; hops++)
        {
            if (ResolveReference(reference) is not { } target)
            {
                break;
            }
            node = new StructSchema(target, _root);
        }
        return node;
    }

    private Struct? ResolveReference(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            return null;
        }
        Struct current = _root;
        foreach (string segment in reference[2..].Split('/'))
        {
            string key = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (!current.Fields.TryGetValue(key, out var next) || next.KindCase != Value.KindOneofCase.StructValue)
            {
                return null;
            }
            current = next.StructValue;
        }
        return current;
    }

    private Value? Field(string name) => _node.Fields.TryGetValue(name, out var value) ? value : null;

    private string? String(string name) => Field(name) is { KindCase: Value.KindOneofCase.StringValue } value ? value.StringValue : null;
}
