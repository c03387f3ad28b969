using System.Numerics;

namespace Flyte.Hashing;

/// <summary>flyte-sdk's <c>base36_encode</c>: the bytes as one big-endian unsigned number, digits 0-9a-z, no padding.</summary>
internal static class Base36
{
    private const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

    public static string Encode(ReadOnlySpan<byte> bigEndianUnsigned)
    {
        // Every child action name encodes an MD5 digest (16 bytes), which fits a UInt128 and needs no BigInteger.
        return bigEndianUnsigned.Length <= 16 ? EncodeSmall(bigEndianUnsigned) : EncodeLarge(bigEndianUnsigned);
    }

    private static string EncodeSmall(ReadOnlySpan<byte> bigEndianUnsigned)
    {
        UInt128 number = 0;
        foreach (byte b in bigEndianUnsigned)
        {
            number = (number << 8) | b;
        }
        if (number == 0)
        {
            return "0";
        }
        // 2^128 has 25 digits in base 36. UInt128 division is slow, so it only splits the number into chunks of
        // twelve digits (36^12 fits a ulong), and each chunk is divided as a ulong.
        const ulong chunk = 4_738_381_338_321_616_896; // 36^12
        Span<char> digits = stackalloc char[36];
        int start = digits.Length;
        while (number != 0)
        {
            (number, UInt128 remainder) = UInt128.DivRem(number, chunk);
            ulong part = (ulong)remainder;
            for (int i = 0; i < 12; i++)
            {
                (part, ulong digit) = Math.DivRem(part, 36);
                digits[--start] = Alphabet[(int)digit];
            }
        }
        // The last chunk was written out to twelve digits; its leading zeros are not part of the number.
        while (digits[start] == '0')
        {
            start++;
        }
        return new string(digits[start..]);
    }

    private static string EncodeLarge(ReadOnlySpan<byte> bigEndianUnsigned)
    {
        var number = new BigInteger(bigEndianUnsigned, isUnsigned: true, isBigEndian: true);
        if (number.IsZero)
        {
            return "0";
        }
        var digits = new List<char>();
        while (!number.IsZero)
        {
            number = BigInteger.DivRem(number, 36, out var remainder);
            digits.Add(Alphabet[(int)remainder]);
        }
        digits.Reverse();
        return new string(digits.ToArray());
    }
}
