using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Unicode;

namespace Flyte.Hashing;

/// <summary>
/// flyte-sdk's <c>_canonical_msgpack_bytes</c>: <c>msgpack.packb(canonicalize(msgpack.unpackb(data, strict_map_key=False)))</c>,
/// where canonicalize sorts every map's keys by their packed bytes, recursively; the data comes back unchanged when
/// Python cannot decode or re-encode it.
/// </summary>
/// <remarks>
/// Re-encoding reproduces what msgpack-python's defaults do to a decoded value: integers, strings, binaries, arrays and
/// maps get their shortest header; float32 becomes float64; a timestamp (ext -1) gets its shortest form; any other ext
/// value becomes the array [code, bin data], because Python's ExtType is a tuple (a map key stays an ext). Map keys
/// that Python considers equal (1, 1.0 and True; two equal strings) collapse into the first key with the last value.
/// Python gives up, and so do we, on: trailing bytes, invalid UTF-8 in a str, an array or map used as a key, a negative
/// ext code other than -1, a malformed timestamp, and nesting deeper than packb's limit of 511. Python's own recursion
/// in canonicalize can give up somewhat earlier (around depth 500 on Python 3.11); that is not reproduced.
/// </remarks>
internal static class MsgPackCanonical
{
    private const int MaxDepth = 511;

    public static byte[] Canonicalize(ReadOnlySpan<byte> data)
    {
        var output = new ArrayBufferWriter<byte>(Math.Max(data.Length, 16));
        var pos = 0;
        try
        {
            Value(data, ref pos, 0, output, isKey: false);
            if (pos != data.Length)
            {
                return data.ToArray();
            }
        }
        catch (Unsupported)
        {
            return data.ToArray();
        }
        return output.WrittenSpan.ToArray();
    }

    // Writes the canonical form of the next value; returns the Python equality of a key (null: equal to no other key).
    private static string? Value(ReadOnlySpan<byte> data, ref int pos, int depth, ArrayBufferWriter<byte> output, bool isKey)
    {
        if (depth > MaxDepth)
        {
            throw new Unsupported();
        }

        var code = Take(data, ref pos, 1)[0];
        switch (code)
        {
            case <= 0x7f:
                return Integer(code, output);
            case >= 0xe0:
                return Integer((sbyte)code, output);
            case <= 0x8f:
                Map(data, ref pos, code & 0x0f, depth, output, isKey);
                return null;
            case <= 0x9f:
                Array(data, ref pos, code & 0x0f, depth, output, isKey);
                return null;
            case <= 0xbf:
                return Str(Take(data, ref pos, code & 0x1f), output);
            case 0xc0:
                Byte(0xc0, output);
                return "n";
            case 0xc2:
                Byte(0xc2, output);
                return "i:0";
            case 0xc3:
                Byte(0xc3, output);
                return "i:1";
            case 0xc4 or 0xc5 or 0xc6:
                return Bin(Take(data, ref pos, Length(data, ref pos, code - 0xc4)), output);
            case 0xc7 or 0xc8 or 0xc9:
            {
                var length = Length(data, ref pos, code - 0xc7);
                var type = (sbyte)Take(data, ref pos, 1)[0];
                return Ext(type, Take(data, ref pos, length), depth, output, isKey);
            }
            case 0xca:
                return Float(BinaryPrimitives.ReadSingleBigEndian(Take(data, ref pos, 4)), output);
            case 0xcb:
                return Float(BinaryPrimitives.ReadDoubleBigEndian(Take(data, ref pos, 8)), output);
            case 0xcc:
                return Integer(Take(data, ref pos, 1)[0], output);
            case 0xcd:
                return Integer(BinaryPrimitives.ReadUInt16BigEndian(Take(data, ref pos, 2)), output);
            case 0xce:
                return Integer(BinaryPrimitives.ReadUInt32BigEndian(Take(data, ref pos, 4)), output);
            case 0xcf:
                return Integer(BinaryPrimitives.ReadUInt64BigEndian(Take(data, ref pos, 8)), output);
            case 0xd0:
                return Integer((sbyte)Take(data, ref pos, 1)[0], output);
            case 0xd1:
                return Integer(BinaryPrimitives.ReadInt16BigEndian(Take(data, ref pos, 2)), output);
            case 0xd2:
                return Integer(BinaryPrimitives.ReadInt32BigEndian(Take(data, ref pos, 4)), output);
            case 0xd3:
                return Integer(BinaryPrimitives.ReadInt64BigEndian(Take(data, ref pos, 8)), output);
            case >= 0xd4 and <= 0xd8:
            {
                var type = (sbyte)Take(data, ref pos, 1)[0];
                return Ext(type, Take(data, ref pos, 1 << (code - 0xd4)), depth, output, isKey);
            }
            case 0xd9 or 0xda or 0xdb:
                return Str(Take(data, ref pos, Length(data, ref pos, code - 0xd9)), output);
            case 0xdc or 0xdd:
                Array(data, ref pos, Length(data, ref pos, code - 0xdc + 1), depth, output, isKey);
                return null;
            case 0xde or 0xdf:
                Map(data, ref pos, Length(data, ref pos, code - 0xde + 1), depth, output, isKey);
                return null;
            default: // 0xc1 is never used
                throw new Unsupported();
        }
    }

    private static void Array(ReadOnlySpan<byte> data, ref int pos, int count, int depth, ArrayBufferWriter<byte> output, bool isKey)
    {
        if (isKey)
        {
            throw new Unsupported(); // a list is unhashable
        }
        ArrayHeader(count, output);
        for (var i = 0; i < count; i++)
        {
            Value(data, ref pos, depth + 1, output, isKey: false);
        }
    }

    private static void Map(ReadOnlySpan<byte> data, ref int pos, int count, int depth, ArrayBufferWriter<byte> output, bool isKey)
    {
        if (isKey)
        {
            throw new Unsupported(); // a dict is unhashable
        }

        var entries = new List<(byte[] Key, byte[] Value)>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var key = new ArrayBufferWriter<byte>();
            var equality = Value(data, ref pos, depth + 1, key, isKey: true);
            var value = new ArrayBufferWriter<byte>();
            Value(data, ref pos, depth + 1, value, isKey: false);

            if (equality is not null && seen.TryGetValue(equality, out var index))
            {
                entries[index] = (entries[index].Key, value.WrittenSpan.ToArray());
            }
            else
            {
                if (equality is not null)
                {
                    seen[equality] = entries.Count;
                }
                entries.Add((key.WrittenSpan.ToArray(), value.WrittenSpan.ToArray()));
            }
        }

        if (entries.Count < 16)
        {
            Byte((byte)(0x80 | entries.Count), output);
        }
        else
        {
            Header(0xde, 0xdf, entries.Count, output);
        }
        // Python's sorted() is stable and compares bytes lexicographically, a prefix first.
        foreach (var (key, value) in entries.OrderBy(e => e.Key, ByteOrder.Instance))
        {
            output.Write(key);
            output.Write(value);
        }
    }

    private static string Integer(Int128 value, ArrayBufferWriter<byte> output)
    {
        Span<byte> buffer = stackalloc byte[9];
        int size;
        if (value >= 0)
        {
            var u = (ulong)value;
            if (u < 0x80)
            {
                buffer[0] = (byte)u;
                size = 1;
            }
            else if (u <= byte.MaxValue)
            {
                buffer[0] = 0xcc;
                buffer[1] = (byte)u;
                size = 2;
            }
            else if (u <= ushort.MaxValue)
            {
                buffer[0] = 0xcd;
                BinaryPrimitives.WriteUInt16BigEndian(buffer[1..], (ushort)u);
                size = 3;
            }
            else if (u <= uint.MaxValue)
            {
                buffer[0] = 0xce;
                BinaryPrimitives.WriteUInt32BigEndian(buffer[1..], (uint)u);
                size = 5;
            }
            else
            {
                buffer[0] = 0xcf;
                BinaryPrimitives.WriteUInt64BigEndian(buffer[1..], u);
                size = 9;
            }
        }
        else
        {
            var s = (long)value;
            if (s >= -32)
            {
                buffer[0] = (byte)(sbyte)s;
                size = 1;
            }
            else if (s >= sbyte.MinValue)
            {
                buffer[0] = 0xd0;
                buffer[1] = (byte)(sbyte)s;
                size = 2;
            }
            else if (s >= short.MinValue)
            {
                buffer[0] = 0xd1;
                BinaryPrimitives.WriteInt16BigEndian(buffer[1..], (short)s);
                size = 3;
            }
            else if (s >= int.MinValue)
            {
                buffer[0] = 0xd2;
                BinaryPrimitives.WriteInt32BigEndian(buffer[1..], (int)s);
                size = 5;
            }
            else
            {
                buffer[0] = 0xd3;
                BinaryPrimitives.WriteInt64BigEndian(buffer[1..], s);
                size = 9;
            }
        }
        output.Write(buffer[..size]);
        return "i:" + value.ToString(CultureInfo.InvariantCulture);
    }

    private static string? Float(double value, ArrayBufferWriter<byte> output)
    {
        Span<byte> buffer = stackalloc byte[9];
        buffer[0] = 0xcb;
        BinaryPrimitives.WriteDoubleBigEndian(buffer[1..], value);
        output.Write(buffer);

        if (double.IsNaN(value))
        {
            return null; // every decoded NaN is its own key
        }
        if (double.IsFinite(value) && Math.Floor(value) == value)
        {
            // Python: 1.0 == 1 == True, and -0.0 == 0.
            return "i:" + new BigInteger(value).ToString(CultureInfo.InvariantCulture);
        }
        return "f:" + BitConverter.DoubleToInt64Bits(value).ToString(CultureInfo.InvariantCulture);
    }

    private static string Str(ReadOnlySpan<byte> utf8, ArrayBufferWriter<byte> output)
    {
        if (!Utf8.IsValid(utf8))
        {
            throw new Unsupported(); // Python decodes str strictly
        }
        if (utf8.Length < 32)
        {
            Byte((byte)(0xa0 | utf8.Length), output);
        }
        else
        {
            Header(0xd9, 0xda, 0xdb, utf8.Length, output);
        }
        output.Write(utf8);
        return "s:" + Encoding.UTF8.GetString(utf8);
    }

    private static string Bin(ReadOnlySpan<byte> bytes, ArrayBufferWriter<byte> output)
    {
        Header(0xc4, 0xc5, 0xc6, bytes.Length, output);
        output.Write(bytes);
        return "b:" + Convert.ToHexString(bytes);
    }

    private static string? Ext(sbyte type, ReadOnlySpan<byte> payload, int depth, ArrayBufferWriter<byte> output, bool isKey)
    {
        if (type == -1)
        {
            return Timestamp(payload, output);
        }
        if (type < 0)
        {
            throw new Unsupported(); // ExtType accepts codes 0..127 only
        }
        if (isKey)
        {
            ExtHeader(type, payload.Length, output);
            output.Write(payload);
            return $"e:{type}:{Convert.ToHexString(payload)}";
        }

        // canonicalize() treats the ExtType named tuple as a sequence: it becomes [code, data].
        if (depth + 1 > MaxDepth)
        {
            throw new Unsupported();
        }
        ArrayHeader(2, output);
        Integer(type, output);
        Bin(payload, output);
        return null;
    }

    private static string Timestamp(ReadOnlySpan<byte> payload, ArrayBufferWriter<byte> output)
    {
        long seconds;
        uint nanoseconds;
        switch (payload.Length)
        {
            case 4:
                seconds = BinaryPrimitives.ReadUInt32BigEndian(payload);
                nanoseconds = 0;
                break;
            case 8:
                var data64 = BinaryPrimitives.ReadUInt64BigEndian(payload);
                seconds = (long)(data64 & 0x3_FFFF_FFFF);
                nanoseconds = (uint)(data64 >> 34);
                break;
            case 12:
                nanoseconds = BinaryPrimitives.ReadUInt32BigEndian(payload);
                seconds = BinaryPrimitives.ReadInt64BigEndian(payload[4..]);
                break;
            default:
                throw new Unsupported();
        }
        if (nanoseconds >= 1_000_000_000)
        {
            throw new Unsupported();
        }

        Span<byte> buffer = stackalloc byte[12];
        int size;
        if (seconds >> 34 == 0)
        {
            var packed = ((ulong)nanoseconds << 34) | (ulong)seconds;
            if ((packed & 0xFFFF_FFFF_0000_0000) == 0)
            {
                BinaryPrimitives.WriteUInt32BigEndian(buffer, (uint)packed);
                size = 4;
            }
            else
            {
                BinaryPrimitives.WriteUInt64BigEndian(buffer, packed);
                size = 8;
            }
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(buffer, nanoseconds);
            BinaryPrimitives.WriteInt64BigEndian(buffer[4..], seconds);
            size = 12;
        }
        ExtHeader(-1, size, output);
        output.Write(buffer[..size]);
        return $"t:{seconds}:{nanoseconds}";
    }

    private static void ArrayHeader(int count, ArrayBufferWriter<byte> output)
    {
        if (count < 16)
        {
            Byte((byte)(0x90 | count), output);
        }
        else
        {
            Header(0xdc, 0xdd, count, output);
        }
    }

    private static void ExtHeader(sbyte type, int length, ArrayBufferWriter<byte> output)
    {
        byte? fixext = length switch { 1 => 0xd4, 2 => 0xd5, 4 => 0xd6, 8 => 0xd7, 16 => 0xd8, _ => null };
        if (fixext is { } code)
        {
            Byte(code, output);
        }
        else
        {
            Header(0xc7, 0xc8, 0xc9, length, output);
        }
        Byte((byte)type, output);
    }

    private static void Header(byte code16, byte code32, int length, ArrayBufferWriter<byte> output)
    {
        Span<byte> buffer = stackalloc byte[5];
        if (length <= ushort.MaxValue)
        {
            buffer[0] = code16;
            BinaryPrimitives.WriteUInt16BigEndian(buffer[1..], (ushort)length);
            output.Write(buffer[..3]);
        }
        else
        {
            buffer[0] = code32;
            BinaryPrimitives.WriteUInt32BigEndian(buffer[1..], (uint)length);
            output.Write(buffer);
        }
    }

    private static void Header(byte code8, byte code16, byte code32, int length, ArrayBufferWriter<byte> output)
    {
        if (length <= byte.MaxValue)
        {
            Byte(code8, output);
            Byte((byte)length, output);
        }
        else
        {
            Header(code16, code32, length, output);
        }
    }

    private static void Byte(byte value, ArrayBufferWriter<byte> output)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    // Reads a 1-, 2- or 4-byte big-endian length (sizeLog2 = 0, 1, 2).
    private static int Length(ReadOnlySpan<byte> data, ref int pos, int sizeLog2)
    {
        var bytes = Take(data, ref pos, 1 << sizeLog2);
        var length = sizeLog2 switch
        {
            0 => bytes[0],
            1 => BinaryPrimitives.ReadUInt16BigEndian(bytes),
            _ => BinaryPrimitives.ReadUInt32BigEndian(bytes),
        };
        if (length > (uint)(data.Length - pos))
        {
            throw new Unsupported(); // longer than what is left: truncated
        }
        return (int)length;
    }

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> data, scoped ref int pos, int count)
    {
        if (data.Length - pos < count)
        {
            throw new Unsupported();
        }
        var taken = data.Slice(pos, count);
        pos += count;
        return taken;
    }

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }

    private sealed class Unsupported : Exception;
}
