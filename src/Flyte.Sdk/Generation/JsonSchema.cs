using System.ComponentModel;
using Google.Protobuf.WellKnownTypes;

namespace Flyte.Generation;

/// <summary>
/// Builds the JSON schemas of STRUCT types as protobuf Structs. Keys are inserted in ordinal
/// order so the serialized bytes, and any hash over them, match deterministic protobuf writers.
/// </summary>
/// <remarks>For the code the Flyte source generator writes, not for direct use: it may change in any release.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonSchema
{
    /// <summary>A schema object with <paramref name="fields"/>, sorted by key as mashumaro writes them.</summary>
    public static Struct Object(params (string Key, Value Value)[] fields)
    {
        var result = new Struct();
        foreach (var (key, value) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            result.Fields.Add(key, value);
        }
        return result;
    }

    /// <summary><see cref="Object"/> as a protobuf value.</summary>
    public static Value ObjectValue(params (string Key, Value Value)[] fields) => Value.ForStruct(Object(fields));

    /// <summary>The schema <c>{"type": type}</c>.</summary>
    public static Value Type(string type) => ObjectValue(("type", Value.ForString(type)));

    /// <summary>A member's schema with its default value added, as mashumaro writes a dataclass field that has one.</summary>
    public static Value WithDefault(Value schema, Value defaultValue)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var fields = schema.StructValue.Fields.Select(f => (f.Key, f.Value)).Append(("default", defaultValue)).ToArray();
        return ObjectValue(fields);
    }

    /// <summary>A list value of <paramref name="values"/> (an enum's names).</summary>
    public static Value Strings(params string[] values) => Value.ForList(values.Select(Value.ForString).ToArray());
}
