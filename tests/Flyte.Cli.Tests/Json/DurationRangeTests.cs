using Flyte.Generation;
using Flyte.Cli.Json;
using Google.Protobuf.WellKnownTypes;

namespace Flyte.Cli.Tests.Json;

/// <summary>
/// A TimeSpan reaches about 29,000 years, a protobuf Duration 10,000: a longer span is refused when it would become a
/// literal, not stored as a Duration nothing can read back (found by fuzzing `flyte run` inputs, docs/fuzzing.md).
/// </summary>
public sealed class DurationRangeTests
{
    [Theory]
    [InlineData("\"4D4444404D\"")]
    [InlineData("\"P4000000D\"")]
    [InlineData("\"-P4000000D\"")]
    [InlineData("400000000000")]
    public void A_duration_past_the_range_of_a_Duration_is_refused(string json)
    {
        var error = Assert.Throws<LiteralConversionException>(() => LiteralJson.FromJson(json, LiteralTypes.Duration));

        Assert.StartsWith("a DURATION is at most 315576000000 seconds (about 10,000 years) either way;", error.Message);
    }

    [Fact]
    public void The_longest_Duration_converts_both_ways()
    {
        var longest = TimeSpan.FromSeconds(Duration.MaxSeconds);

        Assert.Equal(longest, ScalarLiterals.ToTimeSpan(ScalarLiterals.FromTimeSpan(longest)));
        Assert.Equal(-longest, ScalarLiterals.ToTimeSpan(ScalarLiterals.FromTimeSpan(-longest)));
        Assert.Throws<LiteralConversionException>(() => ScalarLiterals.FromTimeSpan(longest + TimeSpan.FromSeconds(1)));
        Assert.Throws<LiteralConversionException>(() => ScalarLiterals.FromTimeSpan(TimeSpan.MaxValue));
    }
}
