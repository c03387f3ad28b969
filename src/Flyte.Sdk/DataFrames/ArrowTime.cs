using Apache.Arrow.Types;

namespace Flyte.DataFrames;

/// <summary>Arrow's dates and timestamps (counts since the Unix epoch) as the .NET values Parquet.Net reads and writes.</summary>
internal static class ArrowTime
{
    private static readonly long EpochTicks = DateTime.UnixEpoch.Ticks;
    private static readonly int EpochDayNumber = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    /// <summary>A Date32 value: days since 1970-01-01.</summary>
    public static DateOnly ToDateOnly(int daysSinceEpoch) => DateOnly.FromDayNumber(EpochDayNumber + daysSinceEpoch);

    public static int ToDays(DateOnly date) => date.DayNumber - EpochDayNumber;

    /// <summary>
    /// A timestamp in <paramref name="unit"/> as a UTC <see cref="DateTime"/> whole in microseconds, which Parquet.Net writes
    /// as they are. Finer values are refused rather than cut, as pyarrow's <c>allow_truncated_timestamps=False</c> does.
    /// </summary>
    public static DateTime ToMicrosecondDateTime(long value, TimeUnit unit, string column)
    {
        long ticks = unit switch
        {
            TimeUnit.Second => checked(value * TimeSpan.TicksPerSecond),
            TimeUnit.Millisecond => checked(value * TimeSpan.TicksPerMillisecond),
            TimeUnit.Microsecond => checked(value * TimeSpan.TicksPerMicrosecond),
            TimeUnit.Nanosecond when value % 1000 == 0 => value / 100,
            _ => throw new ArgumentException(
                $"Column '{column}' holds a timestamp with nanoseconds ({value} ns since the epoch); tables are written in microseconds, as flyte-sdk writes them: round the column to microseconds first."),
        };
        return new DateTime(EpochTicks + ticks, DateTimeKind.Utc);
    }

    /// <summary>
    /// A timestamp Parquet.Net read, as a count of <paramref name="unit"/> since the epoch. Its ticks are used whatever its
    /// kind: Parquet.Net marks wall-clock (not UTC-adjusted) values Local without shifting them.
    /// </summary>
    public static long FromDateTime(DateTime value, TimeUnit unit)
    {
        long ticks = value.Ticks - EpochTicks;
        return unit switch
        {
            TimeUnit.Second => ticks / TimeSpan.TicksPerSecond,
            TimeUnit.Millisecond => ticks / TimeSpan.TicksPerMillisecond,
            TimeUnit.Microsecond => ticks / TimeSpan.TicksPerMicrosecond,
            _ => checked(ticks * 100),
        };
    }
}
