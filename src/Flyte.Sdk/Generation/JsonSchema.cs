using System.ComponentModel;
using System.Text;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;

namespace Flyte.Generation;

/// <summary>
/// Builds the JSON schemas of STRUCT types as protobuf Structs. Keys are inserted in ordinal order so the serialized
/// bytes, and any hash over them, match deterministic protobuf writers.
/// </summary>
/// <remarks>For the code the Flyte source generator writes, not for direct use: it may change in any release.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonSchema
{
    /// <summary>
    /// The Struct of a JSON object: the generated code carries a record's schema as readable JSON text. Objects become
    /// Structs with their keys in ordinal order, arrays lists, numbers doubles, as protobuf's Struct holds JSON.
    /// </summary>
    /// <exception cref="JsonException"><paramref name="json"/> is not one JSON object.</exception>
    public static Struct Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("a JSON schema is a JSON object");
        }
        var schema = ReadObject(ref reader);
        if (reader.Read())
        {
            throw new JsonException("a JSON schema is one JSON object, with nothing after it");
        }
        return schema;
    }

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

    private static Struct ReadObject(ref Utf8JsonReader reader)
    {
        var fields = new List<(string Key, Value Value)>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string key = reader.GetString()!;
            reader.Read();
            fields.Add((key, ReadValue(ref reader)));
        }
        return Object([.. fields]);
    }

    private static Value ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                return Value.ForStruct(ReadObject(ref reader));
            case JsonTokenType.StartArray:
                var items = new List<Value>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(ReadValue(ref reader));
                }
                return Value.ForList([.. items]);
            case JsonTokenType.String:
                return Value.ForString(reader.GetString()!);
            case JsonTokenType.Number:
                return Value.ForNumber(reader.GetDouble());
            case JsonTokenType.True:
                return Value.ForBool(true);
            case JsonTokenType.False:
                return Value.ForBool(false);
            case JsonTokenType.Null:
                return Value.ForNull();
            default:
                throw new JsonException($"unexpected {reader.TokenType} in a JSON schema");
        }
    }
}
