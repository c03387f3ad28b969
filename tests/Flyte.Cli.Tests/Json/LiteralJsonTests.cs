using Flyte.Generation;
using System.Text.Json;
using Flyte.Cli.Json;
using Flyteidl2.Core;

namespace Flyte.Cli.Tests.Json;

public sealed class LiteralJsonTests
{
    private static readonly LiteralType PointType = LiteralTypes.Struct("""
        {"type":"object","title":"Point","additionalProperties":false,"required":["X","Y"],
         "properties":{"X":{"type":"integer"},"Y":{"type":"number"},"Label":{"anyOf":[{"type":"string"},{"type":"null"}]},
                       "Tags":{"type":"array","items":{"type":"string"}},"At":{"type":"string","format":"date-time"},
                       "Shape":{"type":"string","enum":["Circle","Square"]},"Named":{"type":"object","additionalProperties":{"type":"integer"}}}}
        """);

    public static TheoryData<string, LiteralType, string> RoundTrips() => new()
    {
        { "integer", LiteralTypes.Integer, "-42" },
        { "float", LiteralTypes.Float, "2.5" },
        { "non-finite float", LiteralTypes.Float, "\"NaN\"" },
        { "string", LiteralTypes.String, "\"h\u00E9llo \\\"quoted\\\" 1+1\"" },
        { "boolean", LiteralTypes.Boolean, "true" },
        { "datetime", LiteralTypes.Datetime, "\"2024-05-01T12:30:00.125Z\"" },
        { "duration", LiteralTypes.Duration, "\"P1DT2H3M4.5S\"" },
        { "none", LiteralTypes.None, "null" },
        { "enum", LiteralTypes.Enum("Red", "Green"), "\"Green\"" },
        { "list", LiteralTypes.Collection(LiteralTypes.Collection(LiteralTypes.Integer)), "[[1,2],[],[3]]" },
        { "map", LiteralTypes.Map(LiteralTypes.String), "{\"b\":\"x\",\"a\":\"y\"}" },
        { "optional value", LiteralTypes.Optional(LiteralTypes.Integer, "int"), "7" },
        { "optional none", LiteralTypes.Optional(LiteralTypes.Integer, "int"), "null" },
        { "file", BlobLiterals.FileType, "\"s3://bucket/key.csv\"" },
        { "directory", BlobLiterals.DirectoryType, "\"/data/folder\"" },
        { "table", StructuredDatasetLiterals.Type, "\"s3://bucket/tables/0123\"" },
        { "struct", PointType, "{\"X\":1,\"Y\":2.5,\"Label\":null,\"Tags\":[\"a\"],\"Shape\":\"Square\",\"Named\":{\"k\":3}}" },
    };

    [Theory]
    [MemberData(nameof(RoundTrips))]
    public void A_value_read_from_JSON_writes_back_the_same_JSON(string kind, LiteralType type, string json)
    {
        var literal = LiteralJson.FromJson(json, type);

        Assert.True(json == LiteralJson.ToJson(literal, type), kind);
    }

    [Fact]
    public void Scalars_become_the_literals_the_generated_converters_write()
    {
        Assert.Equal(ScalarLiterals.FromInt64(3), LiteralJson.FromJson("3", LiteralTypes.Integer));
        Assert.Equal(ScalarLiterals.FromInt64(1000), LiteralJson.FromJson("1e3", LiteralTypes.Integer));
        Assert.Equal(ScalarLiterals.FromDouble(3), LiteralJson.FromJson("3", LiteralTypes.Float));
        Assert.Equal(ScalarLiterals.FromString("Red"), LiteralJson.FromJson("\"Red\"", LiteralTypes.Enum("Red")));
        Assert.Equal(ScalarLiterals.FromTimeSpan(TimeSpan.FromSeconds(90)), LiteralJson.FromJson("90", LiteralTypes.Duration));
        Assert.Equal(ScalarLiterals.FromDateTime(new DateTime(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc)), LiteralJson.FromJson("\"2024-05-01\"", LiteralTypes.Datetime));
        Assert.Equal(BlobLiterals.FromFile(new FlyteFile("/x.csv")), LiteralJson.FromJson("\"/x.csv\"", BlobLiterals.FileType));
        Assert.Equal(StructuredDatasetLiterals.From(new DataFrame("/tables/t")), LiteralJson.FromJson("\"/tables/t\"", StructuredDatasetLiterals.Type));
    }

    [Fact]
    public void An_optional_value_is_wrapped_in_a_union_with_its_variants_type()
    {
        var type = LiteralTypes.Optional(LiteralTypes.Integer, "int");

        var value = LiteralJson.FromJson("5", type);
        var none = LiteralJson.FromJson("null", type);

        Assert.Equal(ScalarLiterals.FromInt64(5), value.Scalar.Union.Value);
        Assert.Equal(type.UnionType.Variants[0], value.Scalar.Union.Type);
        Assert.Equal(Scalar.ValueOneofCase.NoneType, none.Scalar.Union.Value.Scalar.ValueCase);
        Assert.Equal("none", none.Scalar.Union.Type.Structure.Tag);
        Assert.Equal(5, OptionalLiterals.ToValue(value, ScalarLiterals.ToInt32));
        Assert.Null(OptionalLiterals.ToValue(none, ScalarLiterals.ToInt32));
    }

    [Fact]
    public void A_union_takes_the_first_variant_that_accepts_the_value()
    {
        var type = new LiteralType { UnionType = new UnionType { Variants = { LiteralTypes.Integer, LiteralTypes.String } } };

        Assert.Equal(LiteralTypes.Integer, LiteralJson.FromJson("1", type).Scalar.Union.Type);
        Assert.Equal(LiteralTypes.String, LiteralJson.FromJson("\"1\"", type).Scalar.Union.Type);
        var error = Assert.Throws<LiteralConversionException>(() => LiteralJson.FromJson("true", type));
        Assert.Equal("expected an INTEGER | STRING, got true", error.Message);
    }

    [Fact]
    public void A_struct_is_msgpack_keyed_by_property_name_with_dates_normalized()
    {
        var literal = LiteralJson.FromJson("{\"X\":1,\"Y\":2,\"At\":\"2024-05-01T12:00:00Z\"}", PointType);

        var reader = new MessagePack.MessagePackReader(StructLiterals.ToMsgPack(literal));
        Assert.Equal(3, reader.ReadMapHeader());
        Assert.Equal("X", reader.ReadString());
        Assert.Equal(1, reader.ReadInt64());
        Assert.Equal("Y", reader.ReadString());
        Assert.Equal(MessagePack.MessagePackCode.Float64, reader.NextCode);
        Assert.Equal(2.0, reader.ReadDouble());
        Assert.Equal("At", reader.ReadString());
        Assert.Equal("2024-05-01T12:00:00.000000+00:00", reader.ReadString());
    }

    [Theory]
    [InlineData("{\"X\":1}", "missing property \"Y\" of Point")]
    [InlineData("{\"X\":1,\"Y\":2,\"Z\":0}", "unknown property \"Z\" (Point has X, Y, Label, Tags, At, Shape, Named)")]
    [InlineData("{\"X\":1.5,\"Y\":2}", "X: expected an integer, got 1.5")]
    [InlineData("{\"X\":1,\"Y\":2,\"Tags\":[\"a\",3]}", "Tags[1]: expected a string, got 3")]
    [InlineData("{\"X\":1,\"Y\":2,\"Shape\":\"Star\"}", "Shape: expected one of Circle, Square, got \"Star\"")]
    [InlineData("{\"X\":1,\"Y\":2,\"At\":\"noon\"}", "At: expected a date-time string (ISO 8601), got \"noon\"")]
    [InlineData("{\"X\":1,\"Y\":2,\"Named\":{\"k\":\"v\"}}", "Named[\"k\"]: expected an integer, got \"v\"")]
    [InlineData("{\"X\":1,\"Y\":null}", "Y: expected a number, got null")]
    public void Struct_mistakes_are_reported_by_path(string json, string expected)
    {
        var error = Assert.Throws<LiteralConversionException>(() => LiteralJson.FromJson(json, PointType));

        Assert.Equal(expected, error.Message);
    }

    /// <summary>A schema as flyte-sdk (and our generator) writes one: an Optional without a default is required; an enum has no "type".</summary>
    private static readonly LiteralType ReadingType = LiteralTypes.Struct("""
        {"type":"object","title":"Reading","additionalProperties":false,"required":["Sensor","Note"],
         "properties":{"Sensor":{"type":"string"},"Note":{"anyOf":[{"type":"string"},{"type":"null"}]},
                       "Unit":{"anyOf":[{"type":"string"},{"type":"null"}],"default":null},
                       "Shape":{"enum":["Circle","Square"],"default":"Square"}}}
        """);

    [Theory]
    [InlineData("{\"Sensor\":\"t\"}", "missing property \"Note\" of Reading")]
    [InlineData("{\"Sensor\":\"t\",\"Note\":null,\"Shape\":null}", "Shape: expected one of Circle, Square, got null")]
    public void A_required_nullable_member_must_be_given_and_an_enum_is_never_null(string json, string expected)
    {
        var error = Assert.Throws<LiteralConversionException>(() => LiteralJson.FromJson(json, ReadingType));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void Members_with_defaults_may_be_left_out()
    {
        const string json = "{\"Sensor\":\"t\",\"Note\":null}";

        Assert.Equal(json, LiteralJson.ToJson(LiteralJson.FromJson(json, ReadingType), ReadingType));
    }

    [Theory]
    [InlineData("[1,\"a\"]", "[1]: expected an INTEGER, got \"a\"")]
    [InlineData("{\"k\":[1,2.5]}", "[\"k\"][1]: expected an INTEGER, got 2.5")]
    public void Nested_mistakes_name_their_path(string json, string expected)
    {
        var type = json.StartsWith('[') ? LiteralTypes.Collection(LiteralTypes.Integer) : LiteralTypes.Map(LiteralTypes.Collection(LiteralTypes.Integer));

        var error = Assert.Throws<LiteralConversionException>(() => LiteralJson.FromJson(json, type));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void Malformed_JSON_names_what_was_expected()
    {
        var error = Assert.Throws<LiteralConversionException>(() => LiteralJson.FromJson("[1,", LiteralTypes.Collection(LiteralTypes.String)));

        Assert.StartsWith("expected a JSON list (list of STRING), got malformed JSON", error.Message);
    }

    [Fact]
    public void A_literal_that_does_not_match_its_type_is_not_written()
    {
        using var writer = new Utf8JsonWriter(new MemoryStream());

        var error = Assert.Throws<LiteralConversionException>(() => LiteralJson.WriteJson(writer, ScalarLiterals.FromString("x"), LiteralTypes.Integer));

        Assert.Equal("expected a literal of type INTEGER, got a STRING", error.Message);
    }
}
