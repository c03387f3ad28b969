using System.Buffers;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Flyte.Hashing;

/// <summary>
/// The bytes Python protobuf (upb) produces with <c>SerializeToString(deterministic=True)</c>, which flyte-sdk hashes.
/// </summary>
/// <remarks>
/// Google.Protobuf for C# already writes fields in field-number order as upb does; map fields are where the two
/// differ. C# writes entries in insertion order and leaves a default key or value out of an entry; upb sorts the
/// entries (see <see cref="UpbMapKeyOrder"/>) and always writes both key and value. So the message is serialized
/// normally and the bytes are then rewritten: every map field, at any depth, gets its entries sorted and completed.
/// Only descriptors are consulted (no reflection), which keeps this trim- and AOT-safe.
/// Maps must have string keys (all in the Flyte schema that get hashed do); other key types throw.
/// </remarks>
internal static class DeterministicBytes
{
    public static byte[] Of(IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var output = new ArrayBufferWriter<byte>();
        Rewrite(message.ToByteArray(), message.Descriptor, output);
        return output.WrittenSpan.ToArray();
    }

    private static void Rewrite(ReadOnlySpan<byte> data, MessageDescriptor descriptor, ArrayBufferWriter<byte> output)
    {
        List<(byte[] Key, byte[] Entry)>? mapEntries = null;
        var mapField = 0;
        var pos = 0;
        while (pos < data.Length)
        {
            var start = pos;
            var (number, wireType) = ProtoWire.Split(ProtoWire.ReadVarint(data, ref pos));
            if (mapEntries is not null && number != mapField)
            {
                // C# writes a map's entries back to back, so the map ends where another field starts.
                WriteMap(mapField, mapEntries, output);
                mapEntries = null;
            }

            var field = descriptor.FindFieldByNumber(number);
            if (field is not null && wireType == ProtoWire.LengthDelimited && field.IsMap)
            {
                mapEntries ??= [];
                mapField = number;
                mapEntries.Add(ReadMapEntry(ProtoWire.ReadLengthDelimited(data, ref pos), field));
            }
            else if (field is not null && wireType == ProtoWire.LengthDelimited && field.FieldType == FieldType.Message)
            {
                var nested = new ArrayBufferWriter<byte>();
                Rewrite(ProtoWire.ReadLengthDelimited(data, ref pos), field.MessageType, nested);
                ProtoWire.WriteLengthDelimited(output, number, nested.WrittenSpan);
            }
            else
            {
                ProtoWire.SkipValue(data, ref pos, wireType, number);
                output.Write(data[start..pos]);
            }
        }
        if (mapEntries is not null)
        {
            WriteMap(mapField, mapEntries, output);
        }
    }

    private static (byte[] Key, byte[] Entry) ReadMapEntry(ReadOnlySpan<byte> entry, FieldDescriptor mapField)
    {
        var keyField = mapField.MessageType.FindFieldByNumber(1);
        var valueField = mapField.MessageType.FindFieldByNumber(2);
        if (keyField.FieldType != FieldType.String)
        {
            throw new NotSupportedException(
                $"{mapField.FullName}: deterministic bytes are implemented for string-keyed maps only, not {keyField.FieldType} keys");
        }

        ReadOnlySpan<byte> key = default;
        byte[]? value = null;
        var pos = 0;
        while (pos < entry.Length)
        {
            var start = pos;
            var (number, wireType) = ProtoWire.Split(ProtoWire.ReadVarint(entry, ref pos));
            if (number == 1 && wireType == ProtoWire.LengthDelimited)
            {
                key = ProtoWire.ReadLengthDelimited(entry, ref pos);
            }
            else if (number == 2 && wireType == ProtoWire.LengthDelimited && valueField.FieldType == FieldType.Message)
            {
                var nested = new ArrayBufferWriter<byte>();
                Rewrite(ProtoWire.ReadLengthDelimited(entry, ref pos), valueField.MessageType, nested);
                var encoded = new ArrayBufferWriter<byte>();
                ProtoWire.WriteLengthDelimited(encoded, 2, nested.WrittenSpan);
                value = encoded.WrittenSpan.ToArray();
            }
            else
            {
                ProtoWire.SkipValue(entry, ref pos, wireType, number);
                if (number == 2)
                {
                    value = entry[start..pos].ToArray();
                }
            }
        }

        var output = new ArrayBufferWriter<byte>();
        ProtoWire.WriteLengthDelimited(output, 1, key);
        output.Write(value ?? DefaultValueEncoding(valueField));
        return (key.ToArray(), output.WrittenSpan.ToArray());
    }

    private static void WriteMap(int fieldNumber, List<(byte[] Key, byte[] Entry)> entries, ArrayBufferWriter<byte> output)
    {
        entries.Sort((a, b) => UpbMapKeyOrder.Instance.Compare(a.Key, b.Key));
        foreach (var (_, entry) in entries)
        {
            ProtoWire.WriteLengthDelimited(output, fieldNumber, entry);
        }
    }

    // What upb writes for a map value that C# left out because it was the default.
    private static byte[] DefaultValueEncoding(FieldDescriptor valueField)
    {
        var output = new ArrayBufferWriter<byte>();
        switch (valueField.FieldType)
        {
            case FieldType.Double or FieldType.Fixed64 or FieldType.SFixed64:
                ProtoWire.WriteTag(output, 2, ProtoWire.Fixed64);
                output.Write(new byte[8]);
                break;
            case FieldType.Float or FieldType.Fixed32 or FieldType.SFixed32:
                ProtoWire.WriteTag(output, 2, ProtoWire.Fixed32);
                output.Write(new byte[4]);
                break;
            case FieldType.String or FieldType.Bytes or FieldType.Message:
                ProtoWire.WriteTag(output, 2, ProtoWire.LengthDelimited);
                ProtoWire.WriteVarint(output, 0);
                break;
            default:
                ProtoWire.WriteTag(output, 2, ProtoWire.Varint);
                ProtoWire.WriteVarint(output, 0);
                break;
        }
        return output.WrittenSpan.ToArray();
    }
}
