using Flyte.Devbox.Triggers;
using Flyteidl2.Task;
using Google.Protobuf.WellKnownTypes;

namespace Flyte.Devbox.Tests.Triggers;

/// <summary>When schedules tick and what their runs are named (docs/triggers.md).</summary>
public sealed class TriggerScheduleTests
{
    private static readonly DateTimeOffset Anchor = new(2026, 3, 1, 10, 0, 30, TimeSpan.Zero);

    [Fact]
    public void Run_names_are_the_fnv1_hash_upstream_computes()
    {
        // Expected values computed outside the devbox: FNV-1 (multiply, then xor) 64-bit over the text.
        Assert.Equal("r2f57f3e16f3cd8cc", TriggerSchedule.RunName("flytesnacks", "development", "triggers.Stamp", "hourly", new DateTimeOffset(2026, 3, 1, 11, 0, 0, TimeSpan.Zero)));
        Assert.Equal("rbdd753ffbc6b7186", TriggerSchedule.RunName("flytesnacks", "development", "triggers.Stamp", "tens", new DateTimeOffset(2026, 3, 1, 10, 40, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void A_fixed_rate_without_start_ticks_an_interval_after_its_anchor()
    {
        var schedule = Parse(new Schedule { Rate = new FixedRate { Value = 2, Unit = FixedRateUnit.Hour } });

        Assert.Equal(Anchor.AddHours(2), schedule.Next(Anchor, Anchor));
        Assert.Equal(Anchor.AddHours(4), schedule.Next(Anchor.AddHours(2), Anchor));
        Assert.Equal(Anchor.AddHours(6), schedule.Next(Anchor.AddHours(5), Anchor));
    }

    [Fact]
    public void A_fixed_rate_with_start_ticks_from_its_start()
    {
        var start = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var schedule = Parse(new Schedule { Rate = new FixedRate { Value = 1, Unit = FixedRateUnit.Day, StartTime = Timestamp.FromDateTimeOffset(start.AddDays(3)) } });

        Assert.Equal(start.AddDays(3), schedule.Next(Anchor, Anchor));
        Assert.Equal(start.AddDays(4), schedule.Next(start.AddDays(3), Anchor));
    }

    [Fact]
    public void A_cron_in_a_time_zone_ticks_in_that_zone()
    {
        var schedule = Parse(new Schedule { Cron = new Cron { Expression = "0 9 * * *", Timezone = "Europe/Paris" } });

        // 09:00 in Paris on 2 March 2026 (UTC+1) is 08:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero), schedule.Next(Anchor, Anchor));
    }

    [Theory]
    [InlineData("0 9 * * *", "Mars/Olympus", "trigger \"t\" has an unknown time zone \"Mars/Olympus\": use an IANA name such as UTC or Europe/Paris")]
    [InlineData("0 0 * * * *", "", "trigger \"t\" has an invalid cron expression \"0 0 * * * *\": ")]
    public void Bad_schedules_say_what_is_wrong(string expression, string zone, string expected)
    {
        var (schedule, problem) = TriggerSchedule.Parse("t", new Schedule { Cron = new Cron { Expression = expression, Timezone = zone } });

        Assert.Null(schedule);
        Assert.StartsWith(expected, problem);
    }

    private static TriggerSchedule Parse(Schedule schedule) => TriggerSchedule.Parse("t", schedule).Schedule!;
}
