using System.Text.Json;
using Google.Protobuf.WellKnownTypes;

namespace Flyte.Cli.Json;

/// <summary>A protobuf Struct (how older writers send a STRUCT literal) as plain JSON.</summary>
internal static class ProtobufStructJson
{
    public static void Write(Utf8JsonWriter writer, Struct value)
    {
        writer.WriteStartObject();
        foreach (var (key, field) in value.Fields)
        {
            writer.WritePropertyName(key);
            Write(writer, field);
        }
        writer.WriteEndObject();
    }

    private static void Write(Utf8JsonWriter writer, Value value)
    {
        switch (value.KindCase)
        {
            case Value.KindOneofCase.NumberValue:
                LiteralJson.WriteDouble(writer, value.NumberValue);
                break;
            case Value.KindOneofCase.StringValue:
                writer.WriteStringValue(value.StringValue);
                break;
            case Value.KindOneofCase.BoolValue:
                writer.WriteBooleanValue(value.BoolValue);
                break;
            case Value.KindOneofCase.StructValue:
                Write(writer, value.StructValue);
                break;
            case Value.KindOneofCase.ListValue:
                writer.WriteStartArray();
                foreach (var item in value.ListValue.Values)
                {
                    Write(writer, item);
                }
                writer.WriteEndArray();
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }
}
