using Cronos;
using Flyteidl2.Task;

namespace Flyte.Devbox.Triggers;

/// <summary>
/// When a schedule trigger fires (docs/triggers.md): a standard five-field cron expression in a time zone (parsed with
/// Cronos, as the open-source backend parses with robfig/cron's ParseStandard), or a fixed rate, aligned to its
/// start_time when given and otherwise to the trigger's last activation or fire.
/// </summary>
public sealed class TriggerSchedule
{
    private readonly CronExpression? _cron;
    private readonly TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private readonly TimeSpan _interval;
    private readonly DateTimeOffset? _start;

    private TriggerSchedule(CronExpression cron, TimeZoneInfo zone)
    {
        _cron = cron;
        _zone = zone;
    }

    private TriggerSchedule(TimeSpan interval, DateTimeOffset? start)
    {
        _interval = interval;
        _start = start;
    }

    /// <summary>Its schedule, or one line saying what is wrong with it.</summary>
    public static (TriggerSchedule? Schedule, string? Problem) Parse(string triggerName, Schedule schedule)
    {
        switch (schedule.ExpressionCase)
        {
            case Schedule.ExpressionOneofCase.Cron:
                return Cron(triggerName, schedule.Cron.Expression, schedule.Cron.Timezone);
            case Schedule.ExpressionOneofCase.CronExpression:
                // The deprecated field, still read as upstream reads it: an expression in UTC.
#pragma warning disable CS0612
                return Cron(triggerName, schedule.CronExpression, "");
#pragma warning restore CS0612
            case Schedule.ExpressionOneofCase.Rate:
                var rate = schedule.Rate;
                if (rate.Value == 0)
                {
                    return (null, $"trigger \"{triggerName}\" has a fixed rate of 0: the value must be at least 1");
                }
                TimeSpan? unit = rate.Unit switch
                {
                    FixedRateUnit.Minute => TimeSpan.FromMinutes(1),
                    FixedRateUnit.Hour => TimeSpan.FromHours(1),
                    FixedRateUnit.Day => TimeSpan.FromDays(1),
                    _ => null,
                };
                if (unit is not { } step)
                {
                    return (null, $"trigger \"{triggerName}\" has a fixed rate without a unit: use MINUTE, HOUR or DAY");
                }
                return (new TriggerSchedule(step * rate.Value, rate.StartTime?.ToDateTimeOffset()), null);
            default:
                return (null, $"trigger \"{triggerName}\" has a schedule without a cron expression or a fixed rate");
        }
    }

    private static (TriggerSchedule?, string?) Cron(string triggerName, string expression, string timezone)
    {
        CronExpression cron;
        try
        {
            cron = CronExpression.Parse(expression, CronFormat.Standard);
        }
        catch (CronFormatException e)
        {
            return (null, $"trigger \"{triggerName}\" has an invalid cron expression \"{EchoedValue.Of(expression, 64)}\": {e.Message} (use five fields: minute hour day-of-month month day-of-week)");
        }
        if (string.IsNullOrEmpty(timezone) || timezone == "UTC")
        {
            return (new TriggerSchedule(cron, TimeZoneInfo.Utc), null);
        }
        try
        {
            return (new TriggerSchedule(cron, TimeZoneInfo.FindSystemTimeZoneById(timezone)), null);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return (null, $"trigger \"{triggerName}\" has an unknown time zone \"{EchoedValue.Of(timezone, 64)}\": use an IANA name such as UTC or Europe/Paris");
        }
    }

    /// <summary>The first tick strictly after <paramref name="after"/>, whole seconds in UTC.</summary>
    /// <param name="anchor">For a fixed rate without start_time: the time its ticks count from (last activation or fire).</param>
    public DateTimeOffset? Next(DateTimeOffset after, DateTimeOffset anchor)
    {
        if (_cron is not null)
        {
            return _cron.GetNextOccurrence(after.ToUniversalTime(), _zone)?.ToUniversalTime();
        }
        // With start_time the ticks are start_time + k·interval (k >= 0); without, anchor + k·interval (k >= 1).
        var origin = Seconds(_start ?? anchor);
        var first = _start is null ? origin + _interval : origin;
        if (first > after)
        {
            return first;
        }
        long steps = (after - origin).Ticks / _interval.Ticks + 1;
        return origin + TimeSpan.FromTicks(_interval.Ticks * steps);
    }

    private static DateTimeOffset Seconds(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerSecond));
    }

    /// <summary>
    /// The run name of a fire, as the open-source scheduler names it: "r" and the lowercase hex of the 64-bit FNV-1
    /// hash (not FNV-1a) of <c>project:domain:task:trigger:Y:M:D:h:m:s</c> of the UTC scheduled time.
    /// </summary>
    public static string RunName(string project, string domain, string taskName, string triggerName, DateTimeOffset scheduled)
    {
        var t = scheduled.UtcDateTime;
        string text = FormattableString.Invariant($"{project}:{domain}:{taskName}:{triggerName}:{t.Year}:{t.Month}:{t.Day}:{t.Hour}:{t.Minute}:{t.Second}");
        ulong hash = 14695981039346656037UL;
        foreach (byte b in System.Text.Encoding.UTF8.GetBytes(text))
        {
            hash = unchecked(hash * 1099511628211UL);
            hash ^= b;
        }
        return "r" + hash.ToString("x", System.Globalization.CultureInfo.InvariantCulture);
    }
}
