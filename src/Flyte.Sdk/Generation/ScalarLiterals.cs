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
    /// <summary>An INTEGER literal.</summary>
    public static Literal FromInt64(long value) => FromPrimitive(new Primitive { Integer = value });
    /// <summary>An INTEGER literal; values above <see cref="long.MaxValue"/> do not fit and throw.</summary>
    public static Literal FromUInt64(ulong value) =>
        value <= long.MaxValue ? FromInt64((long)value) : throw new LiteralConversionException($"{value} does not fit a Flyte INTEGER (int64)");
    /// <summary>A FLOAT literal.</summary>
    public static Literal FromDouble(double value) => FromPrimitive(new Primitive { FloatValue = value });
    /// <summary>A STRING literal.</summary>
    public static Literal FromString(string value) => FromPrimitive(new Primitive { StringValue = value });
    /// <summary>A BOOLEAN literal.</summary>
    public static Literal FromBoolean(bool value) => FromPrimitive(new Primitive { Boolean = value });
    /// <summary>A DATETIME literal, in UTC (an unspecified kind is taken as UTC).</summary>
    public static Literal FromDateTime(DateTime value) => FromPrimitive(new Primitive { Datetime = Timestamp.FromDateTime(AsUtc(value)) });
    /// <summary>A DATETIME literal of the same instant.</summary>
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
    /// <summary>A STRING literal of the GUID in its <c>D</c> form.</summary>
    public static Literal FromGuid(Guid value) => FromString(value.ToString("D"));

    /// <summary>decimal travels as a STRING in invariant culture, so no digit is lost (a FLOAT would round).</summary>
    public static Literal FromDecimal(decimal value) => FromString(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Flyte datetimes are UTC; an unspecified kind is taken as UTC (as flyte-sdk takes a naive datetime).</summary>
    public static DateTime AsUtc(DateTime value) =>
        value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : value.ToUniversalTime();

    /// <summary>The value of an INTEGER literal.</summary>
    public static long ToInt64(Literal literal) => ExpectPrimitive(literal, Flyteidl2.Core.Primitive.ValueOneofCase.Integer, "an INTEGER").Integer;

    /// <summary>The value of an INTEGER literal; one outside <c>int</c>'s range throws.</summary>
    public static int ToInt32(Literal literal) => checked((int)Narrow(literal, int.MinValue, int.MaxValue, "int"));
    /// <summary>The value of an INTEGER literal; one outside <c>short</c>'s range throws.</summary>
    public static short ToInt16(Literal literal) => checked((short)Narrow(literal, short.MinValue, short.MaxValue, "short"));
    /// <summary>The value of an INTEGER literal; one outside <c>sbyte</c>'s range throws.</summary>
    public static sbyte ToSByte(Literal literal) => checked((sbyte)Narrow(literal, sbyte.MinValue, sbyte.MaxValue, "sbyte"));
    /// <summary>The value of an INTEGER literal; one outside <c>byte</c>'s range throws.</summary>
    public static byte ToByte(Literal literal) => checked((byte)Narrow(literal, byte.MinValue, byte.MaxValue, "byte"));
    /// <summary>The value of an INTEGER literal; one outside <c>ushort</c>'s range throws.</summary>
    public static ushort ToUInt16(Literal literal) => checked((ushort)Narrow(literal, ushort.MinValue, ushort.MaxValue, "ushort"));
    /// <summary>The value of an INTEGER literal; one outside <c>uint</c>'s range throws.</summary>
    public static uint ToUInt32(Literal literal) => checked((uint)Narrow(literal, uint.MinValue, uint.MaxValue, "uint"));
    /// <summary>The value of an INTEGER literal; a negative one throws.</summary>
    public static ulong ToUInt64(Literal literal) => checked((ulong)Narrow(literal, 0, long.MaxValue, "ulong"));

    /// <summary>The value of a FLOAT literal (an INTEGER one is accepted too).</summary>
    public static double ToDouble(Literal literal)
    {
        var primitive = ExpectPrimitive(literal, Flyteidl2.Core.Primitive.ValueOneofCase.FloatValue, "a FLOAT", allowInteger: true);
        return primitive.ValueCase == Flyteidl2.Core.Primitive.ValueOneofCase.Integer ? primitive.Integer : primitive.FloatValue;
    }

    /// <summary>The value of a FLOAT literal, narrowed to <c>float</c>.</summary>
    public static float ToSingle(Literal literal) => (float)ToDouble(literal);

    /// <summary>The value of a STRING literal.</summary>
    public static string ToString(Literal literal) => ExpectPrimitive(literal, Flyteidl2.Core.Primitive.ValueOneofCase.StringValue, "a STRING").StringValue;
    /// <summary>The value of a BOOLEAN literal.</summary>
    public static bool ToBoolean(Literal literal) => ExpectPrimitive(literal, Flyteidl2.Core.Primitive.ValueOneofCase.Boolean, "a BOOLEAN").Boolean;
    /// <summary>The value of a DATETIME literal, in UTC.</summary>
    public static DateTime ToDateTime(Literal literal) => ExpectPrimitive(literal, Flyteidl2.Core.Primitive.ValueOneofCase.Datetime, "a DATETIME").Datetime.ToDateTime();
    /// <summary>The value of a DATETIME literal, at offset zero.</summary>
    public static DateTimeOffset ToDateTimeOffset(Literal literal) => ExpectPrimitive(literal, Flyteidl2.Core.Primitive.ValueOneofCase.Datetime, "a DATETIME").Datetime.ToDateTimeOffset();
    /// <summary>The value of a DURATION literal.</summary>
    public static TimeSpan ToTimeSpan(Literal literal) => ExpectPrimitive(literal, Flyteidl2.Core.Primitive.ValueOneofCase.Duration, "a DURATION").Duration.ToTimeSpan();

    /// <summary>The GUID a STRING literal holds.</summary>
    public static Guid ToGuid(Literal literal)
    {
        string text = ToString(literal);
        return Guid.TryParse(text, out var value) ? value : throw new LiteralConversionException($"'{text}' is not a Guid");
    }

    /// <summary>The decimal a STRING literal holds, in the invariant culture.</summary>
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
