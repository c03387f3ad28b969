using System.Buffers;
using System.Globalization;
using System.Text.Json;
using MessagePack;

namespace Flyte.Cli.Json;

/// <summary>
/// Writes a JSON value as the msgpack of a STRUCT literal, checked against the STRUCT's JSON
/// schema where it has one: unknown and missing properties, wrong types and non-members of an
/// enum are reported by path. Values the schema does not describe are written as JSON reads them.
/// </summary>
internal static class StructJson
{
    /// <summary>As the generated converters write a DateTime or DateTimeOffset, so equal values give equal bytes.</summary>
    private const string DateTimeFormat = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffffzzz";

    public static byte[] ToMsgPack(JsonElement value, Google.Protobuf.WellKnownTypes.Struct? schema)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        Write(ref writer, value, StructSchema.Root(schema));
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(ref MessagePackWriter writer, JsonElement value, StructSchema? schema)
    {
        if (schema is null)
        {
            WriteUntyped(ref writer, value);
            return;
        }
        if (value.ValueKind == JsonValueKind.Null)
        {
            if (!schema.AllowsNull && (schema.Types.Count > 0 || schema.Alternatives is not null || schema.EnumValues is not null))
            {
                throw JsonPathErrors.Expected(Describe(schema), value);
            }
            writer.WriteNil();
            return;
        }
        if (schema.Alternatives is { } alternatives)
        {
            WriteFirstAccepted(ref writer, value, schema, alternatives);
            return;
        }
        if (schema.EnumValues is { } members)
        {
            if (value.ValueKind != JsonValueKind.String || !members.Contains(value.GetString()!, StringComparer.Ordinal))
            {
                throw JsonPathErrors.Expected("one of " + string.Join(", ", members), value);
            }
            writer.Write(value.GetString());
            return;
        }
        var types = schema.Types.Where(t => t != "null").ToList();
        if (types.Count == 0)
        {
            WriteUntyped(ref writer, value);
            return;
        }
        string? type = types.FirstOrDefault(t => Accepts(t, value));
        if (type is null)
        {
            throw JsonPathErrors.Expected(Describe(schema), value);
        }
        switch (type)
        {
            case "integer":
                WriteInteger(ref writer, value);
                break;
            case "number":
                writer.Write(value.GetDouble());
                break;
            case "boolean":
                writer.Write(value.GetBoolean());
                break;
            case "string":
                writer.Write(NormalizeString(value, schema.Format));
                break;
            case "array":
                WriteArray(ref writer, value, schema.Items);
                break;
            default:
                WriteObject(ref writer, value, schema);
                break;
        }
    }

    private static bool Accepts(string type, JsonElement value) => type switch
    {
        "integer" => value.ValueKind == JsonValueKind.Number && IsInteger(value),
        "number" => value.ValueKind == JsonValueKind.Number,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "string" => value.ValueKind == JsonValueKind.String,
        "array" => value.ValueKind == JsonValueKind.Array,
        "object" => value.ValueKind == JsonValueKind.Object,
        _ => false,
    };

    private static bool IsInteger(JsonElement value) =>
        value.TryGetInt64(out _) || value.TryGetUInt64(out _) || (value.TryGetDouble(out double d) && Math.Abs(d) < 9007199254740992d && d == Math.Floor(d));

    private static void WriteInteger(ref MessagePackWriter writer, JsonElement value)
    {
        if (value.TryGetInt64(out long signed))
        {
            writer.Write(signed);
        }
        else if (value.TryGetUInt64(out ulong unsigned))
        {
            writer.Write(unsigned);
        }
        else
        {
            writer.Write((long)value.GetDouble());
        }
    }

    private static string NormalizeString(JsonElement value, string? format)
    {
        string text = value.GetString()!;
        switch (format)
        {
            case "date-time":
                return LiteralJson.TryParseDateTime(text, out var moment)
                    ? moment.ToString(DateTimeFormat, CultureInfo.InvariantCulture)
                    : throw JsonPathErrors.Expected("a date-time string (ISO 8601)", value);
            case "uuid":
                return Guid.TryParse(text, out var id) ? id.ToString("D") : throw JsonPathErrors.Expected("a UUID string", value);
            default:
                return text;
        }
    }

    private static void WriteArray(ref MessagePackWriter writer, JsonElement value, StructSchema? items)
    {
        writer.WriteArrayHeader(value.GetArrayLength());
        int index = 0;
        foreach (var item in value.EnumerateArray())
        {
            try
            {
                Write(ref writer, item, items);
            }
            catch (LiteralConversionException e)
            {
                throw JsonPathErrors.At(JsonPathErrors.Index(index), e);
            }
            index++;
        }
    }

    private static void WriteObject(ref MessagePackWriter writer, JsonElement value, StructSchema schema)
    {
        var declared = schema.Properties;
        if (declared is null)
        {
            WriteMap(ref writer, value, schema.AdditionalProperties);
            return;
        }
        var byName = declared.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            if (!present.Add(property.Name))
            {
                throw new LiteralConversionException($"property \"{property.Name}\" appears twice");
            }
            if (!byName.ContainsKey(property.Name) && !schema.AllowsUndeclaredProperties)
            {
                string what = schema.Title is { } title ? title + " has" : "expected";
                throw new LiteralConversionException(
                    $"unknown property \"{property.Name}\" ({what} {string.Join(", ", declared.Select(p => p.Key))})");
            }
        }
        foreach (string required in schema.Required)
        {
            if (!present.Contains(required))
            {
                string of = schema.Title is { } title ? $" of {title}" : "";
                throw new LiteralConversionException($"missing property \"{required}\"{of}");
            }
        }

        writer.WriteMapHeader(present.Count);
        foreach (var property in value.EnumerateObject())
        {
            writer.Write(property.Name);
            try
            {
                Write(ref writer, property.Value, byName.GetValueOrDefault(property.Name) ?? schema.AdditionalProperties);
            }
            catch (LiteralConversionException e)
            {
                throw JsonPathErrors.At(JsonPathErrors.Property(property.Name), e);
            }
        }
    }

    private static void WriteMap(ref MessagePackWriter writer, JsonElement value, StructSchema? values)
    {
        int count = 0;
        foreach (var _ in value.EnumerateObject())
        {
            count++;
        }
        writer.WriteMapHeader(count);
        foreach (var property in value.EnumerateObject())
        {
            writer.Write(property.Name);
            try
            {
                Write(ref writer, property.Value, values);
            }
            catch (LiteralConversionException e)
            {
                throw JsonPathErrors.At(JsonPathErrors.Key(property.Name), e);
            }
        }
    }

    /// <summary>Each alternative writes into its own buffer, so a half-written rejected one leaves no bytes behind.</summary>
    private static void WriteFirstAccepted(ref MessagePackWriter writer, JsonElement value, StructSchema schema, IReadOnlyList<StructSchema> alternatives)
    {
        LiteralConversionException? onlyError = null;
        int candidates = 0;
        foreach (var alternative in alternatives.Where(a => !(a.Types.Count == 1 && a.Types[0] == "null")))
        {
            candidates++;
            var buffer = new ArrayBufferWriter<byte>();
            var attempt = new MessagePackWriter(buffer);
            try
            {
                Write(ref attempt, value, alternative);
            }
            catch (LiteralConversionException e)
            {
                onlyError = e;
                continue;
            }
            attempt.Flush();
            writer.WriteRaw(buffer.WrittenSpan);
            return;
        }
        // With a single candidate (a nullable property) its own error says more than the list of alternatives.
        throw candidates == 1 && onlyError is not null ? onlyError : JsonPathErrors.Expected(Describe(schema), value);
    }

    private static void WriteUntyped(ref MessagePackWriter writer, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                writer.WriteNil();
                break;
            case JsonValueKind.True or JsonValueKind.False:
                writer.Write(value.GetBoolean());
                break;
            case JsonValueKind.String:
                writer.Write(value.GetString());
                break;
            case JsonValueKind.Number when value.TryGetInt64(out long signed):
                writer.Write(signed);
                break;
            case JsonValueKind.Number when value.TryGetUInt64(out ulong unsigned):
                writer.Write(unsigned);
                break;
            case JsonValueKind.Number:
                writer.Write(value.GetDouble());
                break;
            case JsonValueKind.Array:
                WriteArray(ref writer, value, null);
                break;
            default:
                WriteMap(ref writer, value, null);
                break;
        }
    }

    private static string Describe(StructSchema schema)
    {
        if (schema.Alternatives is { } alternatives)
        {
            var named = alternatives.Where(a => !(a.Types.Count == 1 && a.Types[0] == "null")).Select(Describe).ToList();
            return string.Join(" or ", named) + (schema.AllowsNull ? " or null" : "");
        }
        if (schema.EnumValues is { } members)
        {
            return "one of " + string.Join(", ", members);
        }
        var types = schema.Types.Where(t => t != "null").Select(t => (t, schema.Format) switch
        {
            ("string", "date-time") => "a date-time string (ISO 8601)",
            ("string", "uuid") => "a UUID string",
            ("integer", _) => "an integer",
            ("array", _) => "a list",
            ("object", _) => schema.Title is { } title ? $"an object ({title})" : "an object",
            _ => "a " + t,
        }).ToList();
        return types.Count == 0 ? "any value" : string.Join(" or ", types) + (schema.AllowsNull ? " or null" : "");
    }
}
