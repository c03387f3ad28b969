namespace Flyte.Runtime.CommandLine;

/// <summary>
/// Parses RFC 3339 times such as <c>2025-06-01T12:30:00Z</c>, the form the executor substitutes for
/// <c>{{.runStartTime}}</c>. Hand-written because DateTimeOffset.Parse loads ICU, which alone costs
/// a0 a noticeable share of an empty app's startup time.
/// </summary>
internal static class Rfc3339
{
    /// <summary>
    /// Accepts <c>YYYY-MM-DD(T|t| )hh:mm:ss[.fraction][Z|z|±hh:mm]</c>; without an offset the time is
    /// taken as UTC (as flyte-sdk does). The result is in UTC.
    /// </summary>
    public static bool TryParse(string text, out DateTimeOffset value)
    {
        value = default;
        ReadOnlySpan<char> s = text.AsSpan().Trim();
        if (s.Length < 19
            || !TryDigits(s, 0, 4, out int year) || s[4] != '-'
            || !TryDigits(s, 5, 2, out int month) || s[7] != '-'
            || !TryDigits(s, 8, 2, out int day) || s[10] is not ('T' or 't' or ' ')
            || !TryDigits(s, 11, 2, out int hour) || s[13] != ':'
            || !TryDigits(s, 14, 2, out int minute) || s[16] != ':'
            || !TryDigits(s, 17, 2, out int second))
        {
            return false;
        }

        int i = 19;
        long fractionTicks = 0;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            int start = i;
            long scale = TimeSpan.TicksPerSecond;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                // Digits beyond 100 ns (a tick) are dropped.
                if (scale > 1)
                {
                    scale /= 10;
                    fractionTicks += (s[i] - '0') * scale;
                }
                i++;
            }
            if (i == start)
            {
                return false;
            }
        }

        TimeSpan offset = TimeSpan.Zero;
        if (i < s.Length)
        {
            if (s[i] is 'Z' or 'z' && i + 1 == s.Length)
            {
                // UTC
            }
            else if (s[i] is '+' or '-' && i + 6 == s.Length
                && TryDigits(s, i + 1, 2, out int offsetHours) && s[i + 3] == ':' && TryDigits(s, i + 4, 2, out int offsetMinutes)
                && offsetHours <= 14 && offsetMinutes < 60)
            {
                offset = new TimeSpan(offsetHours, offsetMinutes, 0);
                if (s[i] == '-')
                {
                    offset = -offset;
                }
            }
            else
            {
                return false;
            }
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }
        long utcTicks = new DateTime(year, month, day, hour, minute, second).Ticks + fractionTicks - offset.Ticks;
        if (utcTicks < 0 || utcTicks > DateTime.MaxValue.Ticks)
        {
            return false;
        }
        value = new DateTimeOffset(utcTicks, TimeSpan.Zero);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> s, int start, int count, out int number)
    {
        number = 0;
        for (int i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                return false;
            }
            number = (number * 10) + (s[i] - '0');
        }
        return true;
    }
}
