using Flyte.Runtime.CommandLine;

namespace Flyte.Runtime.Tests;

/// <summary><c>--run-start-time</c> is RFC 3339 (the executor formats it with Go's time.RFC3339, in UTC).</summary>
public class RunStartTimeTests
{
    private static readonly DateTimeOffset HalfPastTwelve = new(2025, 6, 1, 12, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2025-06-01T12:30:00Z")]
    [InlineData("2025-06-01t12:30:00z")]
    [InlineData("2025-06-01 12:30:00Z")]
    [InlineData("2025-06-01T12:30:00+00:00")]
    [InlineData("2025-06-01T08:30:00-04:00")]
    [InlineData("2025-06-01T18:00:00+05:30")]
    [InlineData("2025-06-01T12:30:00")]
    [InlineData("  2025-06-01T12:30:00Z ")]
    public void Rfc_3339_times_are_read_as_utc(string value)
    {
        A0Arguments a = CommandLines.ParseOk(CommandLines.Minimal("--run-start-time", value));

        Assert.Equal(HalfPastTwelve, a.RunStartTime);
        Assert.Equal(TimeSpan.Zero, a.RunStartTime!.Value.Offset);
    }

    [Theory]
    [InlineData("2025-06-01T12:30:00.5Z", 5_000_000)]
    [InlineData("2025-06-01T12:30:00.123456789Z", 1_234_567)]
    [InlineData("2025-06-01T12:30:00.000001+00:00", 10)]
    public void Fractional_seconds_are_kept_to_the_tick(string value, long ticks)
    {
        Assert.True(Rfc3339.TryParse(value, out DateTimeOffset parsed));

        Assert.Equal(HalfPastTwelve.AddTicks(ticks), parsed);
    }

    [Fact]
    public void Offset_crossing_midnight_moves_the_date()
    {
        Assert.True(Rfc3339.TryParse("2024-03-01T01:00:00+02:00", out DateTimeOffset parsed));

        Assert.Equal(new DateTimeOffset(2024, 2, 29, 23, 0, 0, TimeSpan.Zero), parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("2025-06-01")]
    [InlineData("2025-06-01T12:30")]
    [InlineData("2025-6-1T12:30:00Z")]
    [InlineData("2025-06-01T12:30:00.Z")]
    [InlineData("2025-02-30T12:30:00Z")]
    [InlineData("2025-13-01T12:30:00Z")]
    [InlineData("2025-06-01T24:00:00Z")]
    [InlineData("2025-06-01T12:60:00Z")]
    [InlineData("2025-06-01T12:30:60Z")]
    [InlineData("2025-06-01T12:30:00+0200")]
    [InlineData("2025-06-01T12:30:00+15:00")]
    [InlineData("2025-06-01T12:30:00Zjunk")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData("1748781000")]
    public void Malformed_times_are_rejected(string value)
    {
        Assert.False(Rfc3339.TryParse(value, out _));
    }

    [Fact]
    public void Unreadable_time_is_absent_with_a_warning()
    {
        A0ParseResult result = A0ArgumentParser.Parse(CommandLines.Minimal("--run-start-time", "yesterday"), CommandLines.NoEnvironment);

        Assert.True(result.Succeeded, result.Error);
        Assert.Null(result.Arguments.RunStartTime);
        Assert.Equal(["--run-start-time 'yesterday' is not an RFC 3339 time such as 2025-06-01T12:30:00Z; treating it as absent"], result.Warnings);
    }

    [Fact]
    public void Agrees_with_DateTimeOffset_parsing_over_a_range_of_times()
    {
        var start = new DateTimeOffset(1999, 12, 31, 23, 59, 59, TimeSpan.Zero);
        for (int i = 0; i < 500; i++)
        {
            DateTimeOffset expected = start.AddSeconds(i * 7_919_993L).AddTicks(i * 1_234L);
            string text = expected.ToOffset(TimeSpan.FromMinutes((i % 25 - 12) * 60)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", System.Globalization.CultureInfo.InvariantCulture);

            Assert.True(Rfc3339.TryParse(text, out DateTimeOffset parsed), text);
            Assert.Equal(expected, parsed);
        }
    }
}
