using System.Numerics;

namespace Flyte.Hashing;

/// <summary>flyte-sdk's <c>base36_encode</c>: the bytes as one big-endian unsigned number, digits 0-9a-z, no padding.</summary>
internal static class Base36
{
    private const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

    public static string Encode(ReadOnlySpan<byte> bigEndianUnsigned)
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
