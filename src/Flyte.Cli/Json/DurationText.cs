using System.Globalization;
using System.Text;

namespace Flyte.Cli.Json;

/// <summary>
/// Durations as people type them: ISO 8601 (<c>PT1M30S</c>, <c>P1DT2H</c>), a .NET time span
/// (<c>00:01:30</c>, <c>1.02:03:04</c>) or numbers with units (<c>90s</c>, <c>1h30m</c>, <c>500ms</c>).
/// Written back as ISO 8601.
/// </summary>
internal static class DurationText
{
    public static bool TryParse(string text, out TimeSpan value)
    {
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.Trim();
        value = default;
        if (trimmed.Length == 0)
        {
            return false;
        }
        bool negative = trimmed[0] == '-';
        string body = negative ? trimmed[1..] : trimmed;
        decimal? ticks;
        try
        {
            ticks = body.StartsWith('P') || body.StartsWith('p') ? ParseIso(body)
                : body.Contains(':', StringComparison.Ordinal) ? ParseClock(body)
                : ParseUnits(body);
        }
        catch (OverflowException)
        {
            return false;
        }
        if (ticks is not { } t || t > TimeSpan.MaxValue.Ticks)
        {
            return false;
        }
        long rounded = (long)decimal.Round(t);
        value = TimeSpan.FromTicks(negative ? -rounded : rounded);
        return true;
    }

    /// <summary>ISO 8601, as short as it can be: <c>PT1M30S</c>, <c>P1D</c>, <c>PT0.5S</c>, <c>PT0S</c>.</summary>
    public static string Format(TimeSpan value)
    {
        var builder = new StringBuilder();
        if (value < TimeSpan.Zero)
        {
            builder.Append('-');
            // TimeSpan.MinValue has no positive counterpart; a tick's difference does not matter at that size.
            value = value == TimeSpan.MinValue ? TimeSpan.MaxValue : value.Negate();
        }
        builder.Append('P');
        if (value.Days > 0)
        {
            builder.Append(value.Days.ToString(CultureInfo.InvariantCulture)).Append('D');
        }
        long timeTicks = value.Ticks % TimeSpan.TicksPerDay;
        if (timeTicks == 0 && value.Days > 0)
        {
            return builder.ToString();
        }
        builder.Append('T');
        if (value.Hours > 0)
        {
            builder.Append(value.Hours.ToString(CultureInfo.InvariantCulture)).Append('H');
        }
        if (value.Minutes > 0)
        {
            builder.Append(value.Minutes.ToString(CultureInfo.InvariantCulture)).Append('M');
        }
        long secondTicks = timeTicks % TimeSpan.TicksPerMinute;
        if (secondTicks > 0 || timeTicks == 0)
        {
            decimal seconds = secondTicks / (decimal)TimeSpan.TicksPerSecond;
            builder.Append(seconds.ToString("0.#######", CultureInfo.InvariantCulture)).Append('S');
        }
        return builder.ToString();
    }

    private static decimal? ParseIso(string text)
    {
        decimal ticks = 0;
        bool inTime = false;
        bool any = false;
        int i = 1;
        while (i < text.Length)
        {
            if (text[i] is 'T' or 't')
            {
                if (inTime)
                {
                    return null;
                }
                inTime = true;
                i++;
                continue;
            }
            if (ReadNumber(text, ref i) is not { } number || i >= text.Length)
            {
                return null;
            }
            long? unit = char.ToUpperInvariant(text[i]) switch
            {
                'W' when !inTime => TimeSpan.TicksPerDay * 7,
                'D' when !inTime => TimeSpan.TicksPerDay,
                'H' when inTime => TimeSpan.TicksPerHour,
                'M' when inTime => TimeSpan.TicksPerMinute,
                'S' when inTime => TimeSpan.TicksPerSecond,
                // Years and months (date-part M) have no fixed length.
                _ => null,
            };
            if (unit is null)
            {
                return null;
            }
            ticks += number * unit.Value;
            any = true;
            i++;
        }
        return any ? ticks : null;
    }

    private static decimal? ParseClock(string text) =>
        TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) ? span.Ticks : null;

    private static decimal? ParseUnits(string text)
    {
        decimal ticks = 0;
        int i = 0;
        while (i < text.Length)
        {
            if (ReadNumber(text, ref i) is not { } number)
            {
                return null;
            }
            int start = i;
            while (i < text.Length && char.IsAsciiLetter(text[i]))
            {
                i++;
            }
            long? unit = text[start..i].ToLowerInvariant() switch
            {
                "w" => TimeSpan.TicksPerDay * 7,
                "d" => TimeSpan.TicksPerDay,
                "h" => TimeSpan.TicksPerHour,
                "m" or "min" => TimeSpan.TicksPerMinute,
                "s" => TimeSpan.TicksPerSecond,
                "ms" => TimeSpan.TicksPerMillisecond,
                "us" => TimeSpan.TicksPerMicrosecond,
                _ => null,
            };
            if (unit is null)
            {
                return null;
            }
            ticks += number * unit.Value;
        }
        return ticks;
    }

    private static decimal? ReadNumber(string text, ref int i)
    {
        int start = i;
        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] is '.' or ','))
        {
            i++;
        }
        string digits = text[start..i].Replace(',', '.');
        return digits.Length > 0 && decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;
    }
}
