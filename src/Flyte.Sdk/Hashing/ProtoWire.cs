using System.Buffers;

namespace Flyte.Hashing;

/// <summary>Protobuf wire-format primitives for reading and rewriting already-serialized messages.</summary>
internal static class ProtoWire
{
    public const int Varint = 0;
    public const int Fixed64 = 1;
    public const int LengthDelimited = 2;
    public const int StartGroup = 3;
    public const int EndGroup = 4;
    public const int Fixed32 = 5;

    public static ulong ReadVarint(ReadOnlySpan<byte> data, ref int pos)
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (pos >= data.Length)
            {
                throw new InvalidDataException("truncated varint");
            }
            var b = data[pos++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }
        throw new InvalidDataException("malformed varint");
    }

    public static ReadOnlySpan<byte> ReadLengthDelimited(ReadOnlySpan<byte> data, scoped ref int pos)
    {
        var length = ReadVarint(data, ref pos);
        if (length > (ulong)(data.Length - pos))
        {
            throw new InvalidDataException("truncated length-delimited field");
        }
        var value = data.Slice(pos, (int)length);
        pos += (int)length;
        return value;
    }

    /// <summary>Moves past the value of a field whose tag has just been read.</summary>
    public static void SkipValue(ReadOnlySpan<byte> data, ref int pos, int wireType, int fieldNumber)
    {
        switch (wireType)
        {
            case Varint:
                ReadVarint(data, ref pos);
                break;
            case Fixed64:
                Advance(data, ref pos, 8);
                break;
            case LengthDelimited:
                ReadLengthDelimited(data, ref pos);
                break;
            case Fixed32:
                Advance(data, ref pos, 4);
                break;
            case StartGroup:
                while (true)
                {
                    var tag = ReadVarint(data, ref pos);
                    var (number, type) = Split(tag);
                    if (type == EndGroup)
                    {
                        if (number != fieldNumber)
                        {
                            throw new InvalidDataException("mismatched end group");
                        }
                        return;
                    }
                    SkipValue(data, ref pos, type, number);
                }
            default:
                throw new InvalidDataException($"invalid wire type {wireType}");
        }
    }

    public static (int Number, int WireType) Split(ulong tag) => ((int)(tag >> 3), (int)(tag & 7));

    public static void WriteVarint(IBufferWriter<byte> output, ulong value)
    {
        var span = output.GetSpan(10);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[i++] = (byte)value;
        output.Advance(i);
    }

    public static void WriteTag(IBufferWriter<byte> output, int fieldNumber, int wireType) =>
        WriteVarint(output, ((ulong)(uint)fieldNumber << 3) | (uint)wireType);

    public static void WriteLengthDelimited(IBufferWriter<byte> output, int fieldNumber, ReadOnlySpan<byte> value)
    {
        WriteTag(output, fieldNumber, LengthDelimited);
        WriteVarint(output, (ulong)value.Length);
        output.Write(value);
    }

    public static int VarintSize(ulong value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }
        return size;
    }

    private static void Advance(ReadOnlySpan<byte> data, ref int pos, int count)
    {
        if (data.Length - pos < count)
        {
            throw new InvalidDataException("truncated fixed-width field");
        }
        pos += count;
    }
}
