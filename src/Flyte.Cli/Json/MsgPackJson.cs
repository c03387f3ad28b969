using System.Text.Json;
using MessagePack;

namespace Flyte.Cli.Json;

/// <summary>The msgpack of a STRUCT literal written as JSON: maps as objects, arrays as lists, binaries as base64.</summary>
internal static class MsgPackJson
{
    public static void Write(Utf8JsonWriter writer, ReadOnlyMemory<byte> msgpack)
    {
        var reader = new MessagePackReader(msgpack);
        try
        {
            WriteValue(writer, ref reader);
        }
        catch (MessagePackSerializationException e)
        {
            throw new LiteralConversionException($"not valid msgpack: {e.Message}", e);
        }
        catch (EndOfStreamException e)
        {
            throw new LiteralConversionException($"not valid msgpack: {e.Message}", e);
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, ref MessagePackReader reader)
    {
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Nil:
                reader.ReadNil();
                writer.WriteNullValue();
                break;
            case MessagePackType.Boolean:
                writer.WriteBooleanValue(reader.ReadBoolean());
                break;
            case MessagePackType.Integer when reader.NextCode == MessagePackCode.UInt64:
                writer.WriteNumberValue(reader.ReadUInt64());
                break;
            case MessagePackType.Integer:
                writer.WriteNumberValue(reader.ReadInt64());
                break;
            case MessagePackType.Float:
                LiteralJson.WriteDouble(writer, reader.ReadDouble());
                break;
            case MessagePackType.String:
                writer.WriteStringValue(reader.ReadString());
                break;
            case MessagePackType.Binary:
                writer.WriteBase64StringValue(reader.ReadBytes() is { } bytes ? System.Buffers.BuffersExtensions.ToArray(bytes) : []);
                break;
            case MessagePackType.Array:
                int length = reader.ReadArrayHeader();
                writer.WriteStartArray();
                for (int i = 0; i < length; i++)
                {
                    WriteValue(writer, ref reader);
                }
                writer.WriteEndArray();
                break;
            case MessagePackType.Map:
                int count = reader.ReadMapHeader();
                writer.WriteStartObject();
                for (int i = 0; i < count; i++)
                {
                    writer.WritePropertyName(ReadKey(ref reader));
                    WriteValue(writer, ref reader);
                }
                writer.WriteEndObject();
                break;
            case MessagePackType.Extension when IsTimestamp(reader):
                writer.WriteStringValue(reader.ReadDateTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                break;
            default:
                reader.Skip();
                writer.WriteNullValue();
                break;
        }
    }

    private static bool IsTimestamp(MessagePackReader reader)
    {
        var peek = reader.CreatePeekReader();
        return peek.ReadExtensionFormatHeader().TypeCode == ReservedMessagePackExtensionTypeCode.DateTime;
    }

    /// <summary>JSON keys are strings; msgpack keys of other kinds are written as their JSON text.</summary>
    private static string ReadKey(ref MessagePackReader reader)
    {
        if (reader.NextMessagePackType == MessagePackType.String)
        {
            return reader.ReadString() ?? "";
        }
        using var buffer = new MemoryStream();
        using (var keyWriter = new Utf8JsonWriter(buffer))
        {
            WriteValue(keyWriter, ref reader);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
