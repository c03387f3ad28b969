using Flyte.Generation;
using Flyte.Hashing;
using Flyte.Sdk.Tests.Tasks;
using Flyte.Tasks;
using Flyteidl2.Core;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Flyte.Sdk.Tests;

/// <summary>
/// A record's JSON schema is the one flyte-sdk registers for its Python twin, so a C# task's interface hash is the Python
/// task's. flyte-sdk's DataclassTransformer writes <c>mashumaro.jsonschema.build_json_schema(T).to_dict()</c>; the
/// expected JSON below was derived from mashumaro's <c>on_dataclass</c> (a field without a default, Optional or not, is
/// listed in <c>required</c>; a default is written as <c>"default"</c>, None as null; a <c>default_factory</c> makes a
/// field optional with no <c>"default"</c>), <c>on_enum</c> (the members' values alone) and <c>JSONSchema</c>'s
/// serialization (a None default kept as null, other unset keywords left out).
/// </summary>
public class RecordSchemaParityTests
{
    /// <summary>
    /// <code>
    /// class Shape(Enum):
    ///     Circle = "Circle"
    ///     Square = "Square"
    ///     Triangle = "Triangle"
    ///
    /// @dataclass
    /// class Reading:
    ///     Sensor: str
    ///     Note: Optional[str]
    ///     Unit: Optional[str] = None
    ///     Scale: float = 1.5
    ///     Count: int = 3
    ///     Shape: Shape = Shape.Square
    /// </code>
    /// </summary>
    private const string ReadingTwin = """
        {
          "type": "object",
          "title": "Reading",
          "properties": {
            "Sensor": {"type": "string"},
            "Note": {"anyOf": [{"type": "string"}, {"type": "null"}]},
            "Unit": {"anyOf": [{"type": "string"}, {"type": "null"}], "default": null},
            "Scale": {"type": "number", "default": 1.5},
            "Count": {"type": "integer", "default": 3},
            "Shape": {"enum": ["Circle", "Square", "Triangle"], "default": "Square"}
          },
          "additionalProperties": false,
          "required": ["Sensor", "Note"]
        }
        """;

    /// <summary>
    /// <code>
    /// @dataclass
    /// class Window:
    ///     Limit: Optional[int]
    ///     Floor: Optional[int] = None
    ///     Tags: List[str] = field(default_factory=lambda: ["a"])
    /// </code>
    /// </summary>
    private const string WindowTwin = """
        {
          "type": "object",
          "title": "Window",
          "properties": {
            "Limit": {"anyOf": [{"type": "integer"}, {"type": "null"}]},
            "Floor": {"anyOf": [{"type": "integer"}, {"type": "null"}], "default": null},
            "Tags": {"type": "array", "items": {"type": "string"}}
          },
          "additionalProperties": false,
          "required": ["Limit"]
        }
        """;

    private static LiteralType InputType(TaskDefinition task) => Assert.Single(task.Interface.Inputs.Variables).Value.Type;

    private static Struct Parse(string json) => JsonParser.Default.Parse<Struct>(json);

    [Fact]
    public void Positional_record_schema_is_its_python_twins()
    {
        Assert.Equal(Parse(ReadingTwin), InputType(Echo.FlyteTasks.DefaultsRecord).Metadata);
    }

    [Fact]
    public void Class_schema_is_its_python_twins()
    {
        Assert.Equal(Parse(WindowTwin), InputType(Echo.FlyteTasks.DefaultsClass).Metadata);
    }

    [Fact]
    public void Point_with_a_nullable_member_and_no_default_requires_it()
    {
        // @dataclass class Point: X: int; Y: float; Label: Optional[str]
        const string twin = """
            {"type": "object", "title": "Point", "additionalProperties": false, "required": ["X", "Y", "Label"],
             "properties": {"X": {"type": "integer"}, "Y": {"type": "number"}, "Label": {"anyOf": [{"type": "string"}, {"type": "null"}]}}}
            """;
        Assert.Equal(Parse(twin), InputType(Echo.FlyteTasks.Record).Metadata);
    }

    [Fact]
    public void Interface_hash_is_the_python_tasks()
    {
        // def defaults_record(v: Reading) -> Reading: the same interface with the twin's schema in both places.
        var task = Echo.FlyteTasks.DefaultsRecord;
        var python = task.Interface.Clone();
        python.Inputs.Variables[0].Value.Type.Metadata = Parse(ReadingTwin);
        python.Outputs.Variables[0].Value.Type.Metadata = Parse(ReadingTwin);

        Assert.Equal(InterfaceHash.Compute(python), task.InterfaceHash);
        Assert.Equal(InterfaceHash.Compute(python), InterfaceHash.Compute(task.Interface));
    }

    [Fact]
    public void Members_missing_from_the_msgpack_take_their_defaults()
    {
        var reading = Echo.FlyteTasks.DefaultsRecord.DecodeOutputs(Outputs((ref MessagePack.MessagePackWriter writer) =>
        {
            writer.WriteMapHeader(2);
            writer.Write("Sensor");
            writer.Write("t1");
            writer.Write("Note");
            writer.WriteNil();
        }));
        Assert.Equal(new Reading("t1", null, null, 1.5, 3, Shape.Square), reading);

        var window = Echo.FlyteTasks.DefaultsClass.DecodeOutputs(Outputs((ref MessagePack.MessagePackWriter writer) =>
        {
            writer.WriteMapHeader(1);
            writer.Write("Limit");
            writer.Write(4);
        }));
        Assert.Equal(4, window.Limit);
        Assert.Null(window.Floor);
        Assert.Equal(["a"], window.Tags);
    }

    [Fact]
    public void A_missing_member_without_a_default_is_refused()
    {
        var e = Assert.Throws<LiteralConversionException>(() => Echo.FlyteTasks.DefaultsRecord.DecodeOutputs(Outputs((ref MessagePack.MessagePackWriter writer) =>
        {
            writer.WriteMapHeader(1);
            writer.Write("Note");
            writer.Write("n");
        })));
        Assert.Contains("Reading.Sensor is missing", e.Message);
    }

    private static LiteralMap Outputs(MessagePackWrite write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        var writer = new MessagePack.MessagePackWriter(buffer);
        write(ref writer);
        writer.Flush();
        return new LiteralMap { Literals = { ["o0"] = StructLiterals.FromMsgPack(buffer.WrittenSpan) } };
    }

    private delegate void MessagePackWrite(ref MessagePack.MessagePackWriter writer);
}
