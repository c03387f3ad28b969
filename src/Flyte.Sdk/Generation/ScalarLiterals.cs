using System.ComponentModel;
using System.Globalization;
using Flyteidl2.Core;
using Google.Protobuf.WellKnownTypes;

namespace Flyte.Generation;

/// <summary>Encoders and decoders for the scalar C# types. Integers travel as int64, floats as double.</summary>
/// <remarks>For the code the Flyte source generator writes, not for direct use: it may change in any release.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ScalarLiterals
{
    public static Literal FromInt64(long value) => FromPrimitive(new Primitive { Integer = value });
    public static Literal FromUInt64(ulong value) =>
        value <= long.MaxValue ? FromInt64((long)value) : throw new LiteralConversionException($"{value} does not fit a Flyte INTEGER (int64)");
    public static Literal FromDouble(double value) => FromPrimitive(new Primitive { FloatValue = value });
    public static Literal FromString(string value) => FromPrimitive(new Primitive { StringValue = value });
    public static Literal FromBoolean(bool value) => FromPrimitive(new Primitive { Boolean = value });
    public static Literal FromDateTime(DateTime value) => FromPrimitive(new Primitive { Datetime = Timestamp.FromDateTime(AsUtc(value)) });
    public static Literal FromDateTimeOffset(DateTimeOffset value) => FromPrimitive(new Primitive { Datetime = Timestamp.FromDateTimeOffset(value) });
    /// <exception cref="LiteralConversionException">The span is longer than a protobuf Duration holds (about 10,000 years either way).</exception>
    public static Literal FromTimeSpan(TimeSpan value)
    {
        // Duration.FromTimeSpan takes any TimeSpan (about 29,000 years), but a Duration past its range cannot be read back.
        long seconds = value.Ticks / TimeSpan.TicksPerSecond;
        if (seconds is > Duration.MaxSeconds or < Duration.MinSeconds)
        {
            throw new LiteralConversionException(
                $"a DURATION is at most {Duration.MaxSeconds} seconds (about 10,000 years) either way; {seconds.ToString(CultureInfo.InvariantCulture)} seconds is outside it");
        }
        return FromPrimitive(new Primitive { Duration = Duration.FromTimeSpan(value) });
    }
    public static Literal FromGuid(Guid value) => FromString(value.ToString("D"));

    /// <summary>decimal travels as a STRING in invariant culture, so no digit is lost (a FLOAT would round).</summary>
    public static Literal FromDecimal(decimal value) => FromString(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Flyte datetimes are UTC; an unspecified kind is taken as UTC (as flyte-sdk takes a naive datetime).</summary>
    public static DateTime AsUtc(DateTime value) =>
        value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : value.ToUniversalTime();

    public static long ToInt64(Literal literal) => ExpectPrimitive(literal, Flyteidl2.Core.Primitive.ValueOneofCase.Integer, "an INTEGER").Integer;

    public static int ToInt32(Literal literal) => checked((int)Narrow(literal, int.MinValue, int.MaxValue, "int"));
    public static short ToInt16(Literal literal) => checked((short)Narrow(literal, short.MinValue, short.MaxValue, "short"));
    public static sbyte ToSByte(Literal literal) => checked((sbyte)Narrow(literal, sbyte.MinValue, sbyte.MaxValue, "sbyte"));
    public static byte ToByte(Literal literal) => checked((byte)Narrow(literal, byte.MinValue, byte.MaxValue, "byte"));
    public static ushort ToUInt16(Literal literal) => checked((ushort)Narrow(literal, ushort.MinValue, ushort.MaxValue, "ushort"));
    public static uint ToUInt32(Literal literal) => checked((uint)Narrow(literal, uint.MinValue, uint.MaxValue, "uint"));
    public static ulong ToUInt64(Literal literal) => checked((ulong)Narrow(literal, 0, long.MaxValue, "ulong"));

    public static double ToDouble(Literal literal)
    {
        var primitive = ExpectPrimitive(literal, Flyteidl2.Core.Primitive.ValueOneofCase.FloatValue, "a FLOAT", allowInteger: true);
        return primitive.ValueCase == Flyteidl2.Core.Primitive.ValueOneofCase.Integer ? primitive.Integer : primitive.FloatValue;
    }

    public static float ToSingle(Literal literal) => (float)ToDouble(literal);

    public static string ToString(Literal literal) => ExpectPrimitive(literal, Flyteidl2.Core.Primitive.ValueOneofCase.StringValue, "a STRING").StringValue;
    public static bool ToBoolean(Literal literal) => ExpectPrimitive(literal, Flyteidl2.Core.Primitive.ValueOneofCase.Boolean, "a BOOLEAN").Boolean;
    public static DateTime ToDateTime(Literal literal) => ExpectPrimitive(literal, Flyteidl2.Core.Primitive.ValueOneofCase.Datetime, "a DATETIME").Datetime.ToDateTime();
    public static DateTimeOffset ToDateTimeOffset(Literal literal) => ExpectPrimitive(literal, Flyteidl2.Core.Primitive.ValueOneofCase.Datetime, "a DATETIME").Datetime.ToDateTimeOffset();
    public static TimeSpan ToTimeSpan(Literal literal) => ExpectPrimitive(literal, Flyteidl2.Core.Primitive.ValueOneofCase.Duration, "a DURATION").Duration.ToTimeSpan();

    public static Guid ToGuid(Literal literal)
    {
        string text = ToString(literal);
        return Guid.TryParse(text, out var value) ? value : throw new LiteralConversionException($"'{text}' is not a Guid");
    }

    public static decimal ToDecimal(Literal literal)
    {
        string text = ToString(literal);
        return decimal.TryParse(text, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new LiteralConversionException($"'{text}' is not a decimal");
    }

    /// <summary>Enums travel by member name, as flyte-sdk writes an Enum; <paramref name="parse"/> is a generated switch.</summary>
    public static TEnum ToEnum<TEnum>(Literal literal, Func<string, TEnum?> parse) where TEnum : struct, System.Enum
    {
        string name = ToString(literal);
        return parse(name) ?? throw new LiteralConversionException($"'{name}' is not a member of enum {typeof(TEnum).Name}");
    }

    private static long Narrow(Literal literal, long min, long max, string typeName)
    {
        long value = ToInt64(literal);
        return value >= min && value <= max
            ? value
            : throw new LiteralConversionException($"{value} does not fit a C# {typeName}");
    }

    private static Literal FromPrimitive(Primitive primitive) => new() { Scalar = new Scalar { Primitive = primitive } };

    private static Primitive ExpectPrimitive(Literal literal, Primitive.ValueOneofCase expected, string expectedName, bool allowInteger = false)
    {
        var primitive = literal.Scalar?.Primitive;
        if (primitive is not null && (primitive.ValueCase == expected || (allowInteger && primitive.ValueCase == Flyteidl2.Core.Primitive.ValueOneofCase.Integer)))
        {
            return primitive;
        }
        throw new LiteralConversionException($"expected {expectedName} literal, got {LiteralDescription.Of(literal)}");
    }
}
