using System.Globalization;
using System.Text;

namespace Flyte.Hashing;

/// <summary>
/// How Python's f-strings print a few values, for the strings flyte-sdk hashes by formatting them
/// (<c>extract_unique_id_and_image</c> in src/flyte/_internal/runtime/reuse.py).
/// </summary>
internal static class PythonFormat
{
    /// <summary><c>f"{b}"</c> of a <c>bytes</c> value: its repr, <c>b'...'</c> (CPython's <c>bytes_repr</c>).</summary>
    public static string Bytes(ReadOnlySpan<byte> bytes)
    {
        // Single quotes, unless the bytes hold a single quote and no double quote.
        char quote = bytes.Contains((byte)'\'') && !bytes.Contains((byte)'"') ? '"' : '\'';
        var text = new StringBuilder(bytes.Length + 3).Append('b').Append(quote);
        foreach (byte b in bytes)
        {
            if (b == quote || b == '\\')
            {
                text.Append('\\').Append((char)b);
            }
            else if (b == '\t')
            {
                text.Append("\\t");
            }
            else if (b == '\n')
            {
                text.Append("\\n");
            }
            else if (b == '\r')
            {
                text.Append("\\r");
            }
            else if (b < 0x20 || b >= 0x7f)
            {
                text.Append("\\x").Append(b.ToString("x2", CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append((char)b);
            }
        }
        return text.Append(quote).ToString();
    }

    /// <summary><c>f"{x}"</c> of a <c>float</c> such as <c>timedelta.total_seconds()</c>: the shortest repr, with <c>.0</c>
    /// on whole numbers. Python writes an exponent from 1e16 on; no duration gets there.</summary>
    public static string Float(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value) || Math.Abs(value) >= 1e16)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "only finite values below 1e16 print as Python does");
        }
        return value == Math.Floor(value)
            ? ((long)value).ToString(CultureInfo.InvariantCulture) + ".0"
            : value.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary><c>f"{b}"</c> of a <c>bool</c>.</summary>
    public static string Bool(bool value) => value ? "True" : "False";

    /// <summary><c>f"{t}"</c> of a non-negative <c>timedelta</c>: <c>H:MM:SS</c>, after <c>N day(s), </c> when it has days, and
    /// <c>.ffffff</c> when it has microseconds.</summary>
    public static string Timedelta(TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "only non-negative durations are supported");
        }
        long microseconds = value.Ticks / 10 % 1_000_000;
        var text = new StringBuilder();
        if (value.Days != 0)
        {
            text.Append(value.Days.ToString(CultureInfo.InvariantCulture)).Append(value.Days == 1 ? " day, " : " days, ");
        }
        text.Append(CultureInfo.InvariantCulture, $"{value.Hours}:{value.Minutes:00}:{value.Seconds:00}");
        if (microseconds != 0)
        {
            text.Append(CultureInfo.InvariantCulture, $".{microseconds:000000}");
        }
        return text.ToString();
    }
}
