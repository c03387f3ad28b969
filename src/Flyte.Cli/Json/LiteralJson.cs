using System.Globalization;
using System.Text;
using System.Text.Json;
using Flyte.Build;
using Flyte.Generation;
using Flyte.Tasks;
using Flyteidl2.Core;
using Google.Protobuf.WellKnownTypes;

namespace Flyte.Cli.Json;

/// <summary>
/// Literals to and from JSON, guided by their LiteralType: what a user types on a command line or
/// in a file, and what a script reads back. Reflection-free (JsonElement in, Utf8JsonWriter out).
/// </summary>
/// <remarks>
/// JSON forms: INTEGER and FLOAT numbers (non-finite floats as "NaN", "Infinity", "-Infinity"),
/// STRING strings, BOOLEAN true/false, DATETIME ISO 8601 strings, DURATION strings ("PT1M30S",
/// "00:01:30", "90s"; a number is seconds), enums by member name, collections as lists, maps as
/// objects, unions as their variant's form (null for none), STRUCT as an object (msgpack inside
/// the literal), files and directories as path or URI strings.
/// </remarks>
internal static class LiteralJson
{
    /// <summary>Parses <paramref name="json"/> and converts it; malformed JSON is a <see cref="LiteralConversionException"/>.</summary>
    public static Literal FromJson(string json, LiteralType type)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new LiteralConversionException($"expected {LiteralTypeDescription.Expected(type)}, got malformed JSON ({e.Message})", e);
        }
        using (document)
        {
            return FromJson(document.RootElement, type);
        }
    }

    public static Literal FromJson(JsonElement value, LiteralType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        try
        {
            return Convert(value, type);
        }
        catch (LiteralConversionException e)
        {
            throw JsonPathErrors.AtRoot(e);
        }
    }

    /// <summary>Writes <paramref name="literal"/>, which must be of <paramref name="type"/>, as one JSON value.</summary>
    public static void WriteJson(Utf8JsonWriter writer, Literal literal, LiteralType type)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(literal);
        ArgumentNullException.ThrowIfNull(type);
        try
        {
            Write(writer, literal, type);
        }
        catch (LiteralConversionException e)
        {
            throw JsonPathErrors.AtRoot(e);
        }
    }

    /// <summary>The JSON text of <paramref name="literal"/>, escaping only what JSON requires (people read it).</summary>
    public static string ToJson(Literal literal, LiteralType type, bool indented = false)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            WriteJson(writer, literal, type);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>An ISO 8601 date, or date and time; without an offset it is UTC (as Flyte takes a naive datetime).</summary>
    public static bool TryParseDateTime(string text, out DateTimeOffset value)
    {
        value = default;
        string trimmed = text.Trim();
        bool isoDate = trimmed.Length >= 10 && char.IsAsciiDigit(trimmed[0]) && char.IsAsciiDigit(trimmed[3]) && trimmed[4] == '-' && trimmed[7] == '-';
        return isoDate && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    internal static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }

    private static Literal Convert(JsonElement value, LiteralType type) => type.TypeCase switch
    {
        LiteralType.TypeOneofCase.Simple => FromSimple(value, type),
        LiteralType.TypeOneofCase.CollectionType => FromList(value, type),
        LiteralType.TypeOneofCase.MapValueType => FromMap(value, type),
        LiteralType.TypeOneofCase.EnumType => FromEnum(value, type.EnumType),
        LiteralType.TypeOneofCase.UnionType => FromUnion(value, type),
        LiteralType.TypeOneofCase.Blob => FromBlob(value, type),
        LiteralType.TypeOneofCase.StructuredDatasetType => FromTable(value, type),
        _ => throw new LiteralConversionException($"a {LiteralTypeDescription.Of(type)} cannot be given as JSON"),
    };

    private static Literal FromSimple(JsonElement value, LiteralType type)
    {
        switch (type.Simple)
        {
            case SimpleType.Integer:
                return ScalarLiterals.FromInt64(ReadInteger(value, type));
            case SimpleType.Float:
                return ScalarLiterals.FromDouble(ReadFloat(value, type));
            case SimpleType.String when value.ValueKind == JsonValueKind.String:
                return ScalarLiterals.FromString(value.GetString()!);
            case SimpleType.Boolean when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                return ScalarLiterals.FromBoolean(value.GetBoolean());
            case SimpleType.Datetime when value.ValueKind == JsonValueKind.String && TryParseDateTime(value.GetString()!, out var moment):
                return ScalarLiterals.FromDateTimeOffset(moment);
            case SimpleType.Duration when value.ValueKind == JsonValueKind.String && DurationText.TryParse(value.GetString()!, out var span):
                return ScalarLiterals.FromTimeSpan(span);
            case SimpleType.Duration when value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double seconds) && Math.Abs(seconds) < TimeSpan.MaxValue.TotalSeconds:
                return ScalarLiterals.FromTimeSpan(TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond)));
            case SimpleType.None when value.ValueKind == JsonValueKind.Null:
                return OptionalLiterals.None();
            case SimpleType.Struct when value.ValueKind == JsonValueKind.Object:
                return StructLiterals.FromMsgPack(StructJson.ToMsgPack(value, type.Metadata));
            case SimpleType.Binary or SimpleType.Error:
                throw new LiteralConversionException($"a {LiteralTypeDescription.Of(type)} cannot be given as JSON");
            default:
                throw JsonPathErrors.Expected(LiteralTypeDescription.Expected(type), value);
        }
    }

    private static long ReadInteger(JsonElement value, LiteralType type)
    {
        if (value.ValueKind == JsonValueKind.Number)
        {
            if (value.TryGetInt64(out long integer))
            {
                return integer;
            }
            // 1e3 is an integer written as a float; 1.5 is not.
            if (value.TryGetDouble(out double d) && d == Math.Floor(d) && Math.Abs(d) <= 9007199254740992d)
            {
                return (long)d;
            }
        }
        throw JsonPathErrors.Expected(LiteralTypeDescription.Expected(type), value);
    }

    private static double ReadFloat(JsonElement value, LiteralType type)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double number))
        {
            return number;
        }
        if (value.ValueKind == JsonValueKind.String)
        {
            switch (value.GetString())
            {
                case "NaN": return double.NaN;
                case "Infinity": return double.PositiveInfinity;
                case "-Infinity": return double.NegativeInfinity;
            }
        }
        throw JsonPathErrors.Expected(LiteralTypeDescription.Expected(type), value);
    }

    private static Literal FromList(JsonElement value, LiteralType type)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw JsonPathErrors.Expected(LiteralTypeDescription.Expected(type), value);
        }
        var collection = new LiteralCollection();
        int index = 0;
        foreach (var item in value.EnumerateArray())
        {
            try
            {
                collection.Literals.Add(Convert(item, type.CollectionType));
            }
            catch (LiteralConversionException e)
            {
                throw JsonPathErrors.At(JsonPathErrors.Index(index), e);
            }
            index++;
        }
        return new Literal { Collection = collection };
    }

    private static Literal FromMap(JsonElement value, LiteralType type)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw JsonPathErrors.Expected(LiteralTypeDescription.Expected(type), value);
        }
        var map = new LiteralMap();
        foreach (var entry in value.EnumerateObject())
        {
            if (map.Literals.ContainsKey(entry.Name))
            {
                throw new LiteralConversionException($"key \"{entry.Name}\" appears twice");
            }
            try
            {
                map.Literals.Add(entry.Name, Convert(entry.Value, type.MapValueType));
            }
            catch (LiteralConversionException e)
            {
                throw JsonPathErrors.At(JsonPathErrors.Key(entry.Name), e);
            }
        }
        return new Literal { Map = map };
    }

    private static Literal FromEnum(JsonElement value, EnumType type)
    {
        if (value.ValueKind == JsonValueKind.String && type.Values.Contains(value.GetString()!))
        {
            return ScalarLiterals.FromString(value.GetString()!);
        }
        throw JsonPathErrors.Expected("one of " + string.Join(", ", type.Values), value);
    }

    /// <summary>
    /// The first variant that accepts the value, wrapped in <c>Union{value, type}</c> with that
    /// variant's (tagged) type, as flyte-sdk's union transformer stores it; null is the none variant.
    /// </summary>
    private static Literal FromUnion(JsonElement value, LiteralType type)
    {
        var variants = type.UnionType.Variants;
        if (value.ValueKind == JsonValueKind.Null && variants.FirstOrDefault(LiteralTypeDescription.IsNone) is { } none)
        {
            return Union(OptionalLiterals.None(), none);
        }
        LiteralConversionException? onlyError = null;
        var candidates = variants.Where(v => !LiteralTypeDescription.IsNone(v)).ToList();
        foreach (var variant in candidates)
        {
            try
            {
                return Union(Convert(value, variant), variant);
            }
            catch (LiteralConversionException e)
            {
                onlyError = e;
            }
        }
        // For a T? the variant's own error ("expected an INTEGER, …") is the precise one.
        throw candidates.Count == 1 && onlyError is not null
            ? onlyError
            : JsonPathErrors.Expected(LiteralTypeDescription.Expected(type), value);
    }

    private static Literal Union(Literal value, LiteralType variant) =>
        new() { Scalar = new Scalar { Union = new Flyteidl2.Core.Union { Value = value, Type = variant } } };

    private static Literal FromBlob(JsonElement value, LiteralType type)
    {
        if (value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 } uri)
        {
            throw JsonPathErrors.Expected(LiteralTypeDescription.Expected(type), value);
        }
        string format = type.Blob.Format;
        return type.Blob.Dimensionality == BlobType.Types.BlobDimensionality.Multipart
            ? BlobLiterals.FromDirectory(new FlyteDirectory(uri, format))
            : BlobLiterals.FromFile(new FlyteFile(uri, format));
    }

    /// <summary>A table given by the URI of its folder (or file), taken as Parquet: what a C# task writes and reads.</summary>
    private static Literal FromTable(JsonElement value, LiteralType type)
    {
        if (value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 } uri)
        {
            throw JsonPathErrors.Expected(LiteralTypeDescription.Expected(type), value);
        }
        return StructuredDatasetLiterals.From(new DataFrame(uri));
    }

    private static void Write(Utf8JsonWriter writer, Literal literal, LiteralType type)
    {
        if (type.TypeCase == LiteralType.TypeOneofCase.UnionType)
        {
            WriteUnion(writer, literal, type);
            return;
        }
        if (literal.Scalar?.Union is { } wrapped)
        {
            // A bare type may still receive a union-wrapped value (an older writer's T?); write what it holds.
            Write(writer, wrapped.Value, type);
            return;
        }
        switch (type.TypeCase)
        {
            case LiteralType.TypeOneofCase.Simple:
                WriteSimple(writer, literal, type);
                break;
            case LiteralType.TypeOneofCase.CollectionType:
                var items = literal.ValueCase == Literal.ValueOneofCase.Collection
                    ? literal.Collection.Literals
                    : throw Mismatch(type, literal);
                writer.WriteStartArray();
                for (int i = 0; i < items.Count; i++)
                {
                    try
                    {
                        Write(writer, items[i], type.CollectionType);
                    }
                    catch (LiteralConversionException e)
                    {
                        throw JsonPathErrors.At(JsonPathErrors.Index(i), e);
                    }
                }
                writer.WriteEndArray();
                break;
            case LiteralType.TypeOneofCase.MapValueType:
                var entries = literal.ValueCase == Literal.ValueOneofCase.Map ? literal.Map.Literals : throw Mismatch(type, literal);
                writer.WriteStartObject();
                foreach (var (key, value) in entries)
                {
                    writer.WritePropertyName(key);
                    try
                    {
                        Write(writer, value, type.MapValueType);
                    }
                    catch (LiteralConversionException e)
                    {
                        throw JsonPathErrors.At(JsonPathErrors.Key(key), e);
                    }
                }
                writer.WriteEndObject();
                break;
            case LiteralType.TypeOneofCase.EnumType:
                writer.WriteStringValue(literal.Scalar?.Primitive?.ValueCase == Primitive.ValueOneofCase.StringValue
                    ? literal.Scalar.Primitive.StringValue
                    : throw Mismatch(type, literal));
                break;
            case LiteralType.TypeOneofCase.Blob:
                writer.WriteStringValue(literal.Scalar?.Blob?.Uri ?? throw Mismatch(type, literal));
                break;
            case LiteralType.TypeOneofCase.StructuredDatasetType:
                writer.WriteStringValue(literal.Scalar?.StructuredDataset?.Uri ?? throw Mismatch(type, literal));
                break;
            default:
                throw new LiteralConversionException($"a {LiteralTypeDescription.Of(type)} cannot be written as JSON");
        }
    }

    private static void WriteUnion(Utf8JsonWriter writer, Literal literal, LiteralType type)
    {
        var inner = literal.Scalar?.Union is { } union ? union.Value : literal;
        if (inner is null || inner.Scalar?.ValueCase == Scalar.ValueOneofCase.NoneType)
        {
            writer.WriteNullValue();
            return;
        }
        var stored = literal.Scalar?.Union?.Type;
        var variant = stored is not null && !LiteralTypeDescription.IsNone(stored)
            ? stored
            : type.UnionType.Variants.FirstOrDefault(v => !LiteralTypeDescription.IsNone(v)) ?? throw Mismatch(type, literal);
        Write(writer, inner, variant);
    }

    private static void WriteSimple(Utf8JsonWriter writer, Literal literal, LiteralType type)
    {
        var scalar = literal.Scalar;
        var primitive = scalar?.Primitive;
        switch (type.Simple)
        {
            case SimpleType.Integer when primitive?.ValueCase == Primitive.ValueOneofCase.Integer:
                writer.WriteNumberValue(primitive.Integer);
                break;
            case SimpleType.Float when primitive?.ValueCase == Primitive.ValueOneofCase.FloatValue:
                WriteDouble(writer, primitive.FloatValue);
                break;
            case SimpleType.Float when primitive?.ValueCase == Primitive.ValueOneofCase.Integer:
                writer.WriteNumberValue(primitive.Integer);
                break;
            case SimpleType.String when primitive?.ValueCase == Primitive.ValueOneofCase.StringValue:
                writer.WriteStringValue(primitive.StringValue);
                break;
            case SimpleType.Boolean when primitive?.ValueCase == Primitive.ValueOneofCase.Boolean:
                writer.WriteBooleanValue(primitive.Boolean);
                break;
            case SimpleType.Datetime when primitive?.ValueCase == Primitive.ValueOneofCase.Datetime:
                writer.WriteStringValue(FormatDateTime(primitive.Datetime));
                break;
            case SimpleType.Duration when primitive?.ValueCase == Primitive.ValueOneofCase.Duration:
                writer.WriteStringValue(DurationText.Format(primitive.Duration.ToTimeSpan()));
                break;
            case SimpleType.None when scalar?.ValueCase == Scalar.ValueOneofCase.NoneType:
                writer.WriteNullValue();
                break;
            case SimpleType.Struct when scalar?.ValueCase == Scalar.ValueOneofCase.Binary:
                MsgPackJson.Write(writer, StructLiterals.ToMsgPack(literal));
                break;
            case SimpleType.Struct when scalar?.ValueCase == Scalar.ValueOneofCase.Generic:
                ProtobufStructJson.Write(writer, scalar.Generic);
                break;
            default:
                throw Mismatch(type, literal);
        }
    }

    /// <summary>UTC, with as many fraction digits as needed: <c>2024-05-01T12:00:00Z</c>, <c>2024-05-01T12:00:00.25Z</c>.</summary>
    private static string FormatDateTime(Timestamp timestamp) =>
        timestamp.ToDateTime().ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static LiteralConversionException Mismatch(LiteralType type, Literal literal) =>
        new($"expected a literal of type {LiteralTypeDescription.Of(type)}, got {LiteralDescription.Of(literal)}");
}
