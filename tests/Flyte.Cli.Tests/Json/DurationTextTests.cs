using Flyte.Cli.Json;

namespace Flyte.Cli.Tests.Json;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("PT1M30S", 90)]
    [InlineData("pt1m30s", 90)]
    [InlineData("P1DT2H", 93600)]
    [InlineData("P1W", 604800)]
    [InlineData("PT0.5S", 0.5)]
    [InlineData("-PT10S", -10)]
    [InlineData("00:01:30", 90)]
    [InlineData("1.02:00:00", 93600)]
    [InlineData("90s", 90)]
    [InlineData("1h30m", 5400)]
    [InlineData("1.5h", 5400)]
    [InlineData("250ms", 0.25)]
    [InlineData("2d", 172800)]
    public void Parses_the_forms_people_type(string text, double seconds)
    {
        Assert.True(DurationText.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromSeconds(seconds), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("P1Y")]
    [InlineData("P1M")]
    [InlineData("PT")]
    [InlineData("90")]
    [InlineData("10 parsecs")]
    [InlineData("99999999999999999999999999d")]
    public void Rejects_what_is_not_a_fixed_duration(string text)
    {
        Assert.False(DurationText.TryParse(text, out _));
    }

    [Theory]
    [InlineData(0, "PT0S")]
    [InlineData(90, "PT1M30S")]
    [InlineData(86400, "P1D")]
    [InlineData(93784.25, "P1DT2H3M4.25S")]
    [InlineData(-1.5, "-PT1.5S")]
    public void Formats_as_short_ISO_8601_that_parses_back(double seconds, string expected)
    {
        var value = TimeSpan.FromSeconds(seconds);

        Assert.Equal(expected, DurationText.Format(value));
        Assert.True(DurationText.TryParse(expected, out var parsed));
        Assert.Equal(value, parsed);
    }
}
