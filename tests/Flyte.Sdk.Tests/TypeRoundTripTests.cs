using Flyte.Sdk.Tests.Tasks;

namespace Flyte.Sdk.Tests;

/// <summary>Every supported type survives the trip through literals and bytes unchanged.</summary>
public class TypeRoundTripTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Boolean(bool v) { var t = Echo.FlyteTasks.Boolean; Assert.Equal(v, await WireRoundTrip.Run(t, t.EncodeInputs(v), t.DecodeOutputs)); }

    [Fact]
    public async Task Integers()
    {
        { var t = Echo.FlyteTasks.SByte; Assert.Equal(sbyte.MinValue, await WireRoundTrip.Run(t, t.EncodeInputs(sbyte.MinValue), t.DecodeOutputs)); }
        { var t = Echo.FlyteTasks.Byte; Assert.Equal(byte.MaxValue, await WireRoundTrip.Run(t, t.EncodeInputs(byte.MaxValue), t.DecodeOutputs)); }
        { var t = Echo.FlyteTasks.Int16; Assert.Equal(short.MinValue, await WireRoundTrip.Run(t, t.EncodeInputs(short.MinValue), t.DecodeOutputs)); }
        { var t = Echo.FlyteTasks.UInt16; Assert.Equal(ushort.MaxValue, await WireRoundTrip.Run(t, t.EncodeInputs(ushort.MaxValue), t.DecodeOutputs)); }
        { var t = Echo.FlyteTasks.Int32; Assert.Equal(int.MinValue, await WireRoundTrip.Run(t, t.EncodeInputs(int.MinValue), t.DecodeOutputs)); }
        { var t = Echo.FlyteTasks.UInt32; Assert.Equal(uint.MaxValue, await WireRoundTrip.Run(t, t.EncodeInputs(uint.MaxValue), t.DecodeOutputs)); }
        { var t = Echo.FlyteTasks.Int64; Assert.Equal(long.MinValue, await WireRoundTrip.Run(t, t.EncodeInputs(long.MinValue), t.DecodeOutputs)); }
        { var t = Echo.FlyteTasks.UInt64; Assert.Equal((ulong)long.MaxValue, await WireRoundTrip.Run(t, t.EncodeInputs((ulong)long.MaxValue), t.DecodeOutputs)); }
    }

    [Fact]
    public void UInt64_beyond_int64_is_refused_with_a_clear_message()
    {
        var e = Assert.Throws<Flyte.LiteralConversionException>(() => Echo.FlyteTasks.UInt64.EncodeInputs(ulong.MaxValue));
        Assert.Contains("does not fit a Flyte INTEGER", e.Message);
    }

    [Fact]
    public async Task Floating_point_and_decimal()
    {
        { var t = Echo.FlyteTasks.Single; Assert.Equal(1.5f, await WireRoundTrip.Run(t, t.EncodeInputs(1.5f), t.DecodeOutputs)); }
        { var t = Echo.FlyteTasks.Double; Assert.Equal(Math.PI, await WireRoundTrip.Run(t, t.EncodeInputs(Math.PI), t.DecodeOutputs)); }
        { var t = Echo.FlyteTasks.Double; Assert.Equal(double.NegativeInfinity, await WireRoundTrip.Run(t, t.EncodeInputs(double.NegativeInfinity), t.DecodeOutputs)); }
        // A decimal keeps every digit: it travels as text, not as a FLOAT.
        { var t = Echo.FlyteTasks.Decimal; Assert.Equal(79228162514264337593543950335m, await WireRoundTrip.Run(t, t.EncodeInputs(79228162514264337593543950335m), t.DecodeOutputs)); }
        { var t = Echo.FlyteTasks.Decimal; Assert.Equal(0.1000m, await WireRoundTrip.Run(t, t.EncodeInputs(0.1000m), t.DecodeOutputs)); }
    }

    [Theory]
    [InlineData("")]
    [InlineData("héllo, wörld ✓")]
    [InlineData("line\nbreak\0nul")]
    public async Task String(string v) { var t = Echo.FlyteTasks.String; Assert.Equal(v, await WireRoundTrip.Run(t, t.EncodeInputs(v), t.DecodeOutputs)); }

    [Fact]
    public async Task Times_and_guid()
    {
        var utc = new DateTime(2026, 11, 27, 20, 23, 52, 123, DateTimeKind.Utc).AddTicks(4567);
        { var t = Echo.FlyteTasks.DateTime; Assert.Equal(utc, await WireRoundTrip.Run(t, t.EncodeInputs(utc), t.DecodeOutputs)); }
        var offset = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2));
        { var t = Echo.FlyteTasks.DateTimeOffset; Assert.Equal(offset.UtcDateTime, (await WireRoundTrip.Run(t, t.EncodeInputs(offset), t.DecodeOutputs)).UtcDateTime); }
        var span = TimeSpan.FromTicks(-123456789012);
        { var t = Echo.FlyteTasks.TimeSpan; Assert.Equal(span, await WireRoundTrip.Run(t, t.EncodeInputs(span), t.DecodeOutputs)); }
        var id = System.Guid.NewGuid();
        { var t = Echo.FlyteTasks.Guid; Assert.Equal(id, await WireRoundTrip.Run(t, t.EncodeInputs(id), t.DecodeOutputs)); }
    }

    [Fact]
    public async Task Enum_and_nullable_enum()
    {
        { var t = Echo.FlyteTasks.Enum; Assert.Equal(Shape.Triangle, await WireRoundTrip.Run(t, t.EncodeInputs(Shape.Triangle), t.DecodeOutputs)); }
        { var t = Echo.FlyteTasks.NullableEnum; Assert.Equal(Shape.Square, await WireRoundTrip.Run(t, t.EncodeInputs(Shape.Square), t.DecodeOutputs)); }
        { var t = Echo.FlyteTasks.NullableEnum; Assert.Null(await WireRoundTrip.Run(t, t.EncodeInputs(null), t.DecodeOutputs)); }
    }

    [Fact]
    public async Task Collections_and_maps()
    {
        { var t = Echo.FlyteTasks.Array; int[] back = await WireRoundTrip.Run(t, t.EncodeInputs([3, 1, 2]), t.DecodeOutputs); Assert.Equal(new[] { 3, 1, 2 }, back); }
        { var t = Echo.FlyteTasks.Array; Assert.Empty(await WireRoundTrip.Run(t, t.EncodeInputs([]), t.DecodeOutputs)); }
        { var t = Echo.FlyteTasks.List; Assert.Equal(["a", "b"], await WireRoundTrip.Run(t, t.EncodeInputs(["a", "b"]), t.DecodeOutputs)); }
        { var t = Echo.FlyteTasks.ReadOnlyList; Assert.Equal([0.5, -1], await WireRoundTrip.Run(t, t.EncodeInputs([0.5, -1]), t.DecodeOutputs)); }
        var map = new Dictionary<string, float> { ["x"] = 1.5f, ["y"] = -2 };
        { var t = Echo.FlyteTasks.Map; Assert.Equal(map, await WireRoundTrip.Run(t, t.EncodeInputs(map), t.DecodeOutputs)); }
        var nested = new Dictionary<string, List<int>> { ["a"] = [1, 2], ["b"] = [] };
        { var t = Echo.FlyteTasks.ReadOnlyMap; Assert.Equivalent(nested, await WireRoundTrip.Run(t, t.EncodeInputs(nested), t.DecodeOutputs), strict: true); }
    }

    [Fact]
    public async Task Nullable_values_and_references()
    {
        { var t = Echo.FlyteTasks.NullableInt; Assert.Equal(5, await WireRoundTrip.Run(t, t.EncodeInputs(5), t.DecodeOutputs)); }
        { var t = Echo.FlyteTasks.NullableInt; Assert.Null(await WireRoundTrip.Run(t, t.EncodeInputs(null), t.DecodeOutputs)); }
        { var t = Echo.FlyteTasks.NullableString; Assert.Equal("x", await WireRoundTrip.Run(t, t.EncodeInputs("x"), t.DecodeOutputs)); }
        { var t = Echo.FlyteTasks.NullableString; Assert.Null(await WireRoundTrip.Run(t, t.EncodeInputs(null), t.DecodeOutputs)); }
        { var t = Echo.FlyteTasks.NullableRecord; Assert.Null(await WireRoundTrip.Run(t, t.EncodeInputs(null), t.DecodeOutputs)); }
    }

    [Fact]
    public async Task Records_and_classes()
    {
        var point = new Point(3, -0.25, null);
        { var t = Echo.FlyteTasks.Record; Assert.Equal(point, await WireRoundTrip.Run(t, t.EncodeInputs(point), t.DecodeOutputs)); }
        { var t = Echo.FlyteTasks.NullableRecord; Assert.Equal(point with { Label = "p" }, await WireRoundTrip.Run(t, t.EncodeInputs(point with { Label = "p" }), t.DecodeOutputs)); }
        List<Point> points = [point, new Point(0, 0, "origin")];
        { var t = Echo.FlyteTasks.RecordList; Assert.Equal(points, await WireRoundTrip.Run(t, t.EncodeInputs(points), t.DecodeOutputs)); }

        var measurement = new Measurement
        {
            Name = "m",
            Values = [1, 2, 3],
            Named = new() { ["p"] = point },
            Shape = Shape.Circle,
            TakenAt = new DateTime(2026, 11, 27, 1, 2, 3, 456, DateTimeKind.Utc),
            Local = new DateTimeOffset(2026, 11, 27, 1, 2, 3, TimeSpan.FromHours(-5)),
            Took = TimeSpan.FromMilliseconds(1234.5),
            Id = System.Guid.NewGuid(),
            Price = 19.99m,
            Maybe = null,
            Points = [point, null],
            Valid = true,
            Big = long.MaxValue,
            Ratio = 0.75f,
        };
        var t2 = Echo.FlyteTasks.Class;
        Measurement back = await WireRoundTrip.Run(t2, t2.EncodeInputs(measurement), t2.DecodeOutputs);
        Assert.Equivalent(measurement, back, strict: true);
        Assert.Equal(measurement.Local, back.Local);
    }

    [Fact]
    public async Task Files_and_directories()
    {
        var file = new FlyteFile("s3://bucket/data/x.csv", "csv");
        { var t = Echo.FlyteTasks.File; Assert.Equal(file, await WireRoundTrip.Run(t, t.EncodeInputs(file), t.DecodeOutputs)); }
        var dir = new FlyteDirectory("file:///tmp/out");
        { var t = Echo.FlyteTasks.Directory; Assert.Equal(dir, await WireRoundTrip.Run(t, t.EncodeInputs(dir), t.DecodeOutputs)); }
    }

    [Fact]
    public async Task Tuples_become_several_outputs()
    {
        var named = Echo.FlyteTasks.NamedTuple;
        var outputs = await named.InvokeAsync(named.EncodeInputs(4, "four"), Flyte.Tasks.TaskContext.Detached, default);
        Assert.Equal(["Count", "Name"], outputs.Literals.Keys.Order());
        Assert.Equal((4, "four"), named.DecodeOutputs(outputs));

        var positional = Echo.FlyteTasks.PositionalTuple;
        var outputs2 = await positional.InvokeAsync(positional.EncodeInputs(2.5, true), Flyte.Tasks.TaskContext.Detached, default);
        Assert.Equal(["o0", "o1"], outputs2.Literals.Keys.Order());
        Assert.Equal((2.5, true), positional.DecodeOutputs(outputs2));
    }
}
