using Flyte.Sdk.Tests.Tasks;
using Flyteidl2.Core;

namespace Flyte.Sdk.Tests;

/// <summary>The LiteralTypes match what flyte-sdk writes for the matching Python types, so both SDKs can call each other.</summary>
public class LiteralTypeParityTests
{
    private static LiteralType InputType(Flyte.Tasks.TaskDefinition task) => Assert.Single(task.Interface.Inputs.Variables).Value.Type;

    [Fact]
    public void Scalars_are_simple_types()
    {
        Assert.Equal(SimpleType.Integer, InputType(Echo.FlyteTasks.Int32).Simple);
        Assert.Equal(SimpleType.Integer, InputType(Echo.FlyteTasks.UInt64).Simple);
        Assert.Equal(SimpleType.Float, InputType(Echo.FlyteTasks.Single).Simple);
        Assert.Equal(SimpleType.String, InputType(Echo.FlyteTasks.String).Simple);
        Assert.Equal(SimpleType.String, InputType(Echo.FlyteTasks.Decimal).Simple);
        Assert.Equal(SimpleType.Boolean, InputType(Echo.FlyteTasks.Boolean).Simple);
        Assert.Equal(SimpleType.Datetime, InputType(Echo.FlyteTasks.DateTimeOffset).Simple);
        Assert.Equal(SimpleType.Duration, InputType(Echo.FlyteTasks.TimeSpan).Simple);
        // flyte-sdk writes bare simple types: no structure tag, no metadata.
        Assert.Null(InputType(Echo.FlyteTasks.Int32).Structure);
    }

    [Fact]
    public void List_of_int_is_a_collection_of_INTEGER()
    {
        var type = InputType(Echo.FlyteTasks.Array);
        Assert.Equal(LiteralType.TypeOneofCase.CollectionType, type.TypeCase);
        Assert.Equal(SimpleType.Integer, type.CollectionType.Simple);
    }

    [Fact]
    public void Dict_of_str_to_float_is_a_map_of_FLOAT()
    {
        var type = InputType(Echo.FlyteTasks.Map);
        Assert.Equal(LiteralType.TypeOneofCase.MapValueType, type.TypeCase);
        Assert.Equal(SimpleType.Float, type.MapValueType.Simple);
    }

    [Fact]
    public void Enum_lists_member_names()
    {
        Assert.Equal(["Circle", "Square", "Triangle"], InputType(Echo.FlyteTasks.Enum).EnumType.Values);
    }

    [Fact]
    public void Optional_is_a_union_of_the_type_and_none_with_transformer_tags()
    {
        var variants = InputType(Echo.FlyteTasks.NullableInt).UnionType.Variants;
        Assert.Equal(2, variants.Count);
        Assert.Equal(SimpleType.Integer, variants[0].Simple);
        Assert.Equal("int", variants[0].Structure.Tag);
        Assert.Equal(SimpleType.None, variants[1].Simple);
        Assert.Equal("none", variants[1].Structure.Tag);
        Assert.Equal("str", InputType(Echo.FlyteTasks.NullableString).UnionType.Variants[0].Structure.Tag);
    }

    [Fact]
    public void Optional_value_carries_its_tagged_variant_type_like_flyte_sdk()
    {
        var present = Echo.FlyteTasks.NullableInt.EncodeInputs(3).Literals["v"].Scalar.Union;
        var absent = Echo.FlyteTasks.NullableInt.EncodeInputs(null).Literals["v"].Scalar.Union;

        Assert.Equal(3, present.Value.Scalar.Primitive.Integer);
        Assert.Equal(SimpleType.Integer, present.Type.Simple);
        Assert.Equal("int", present.Type.Structure.Tag);
        Assert.Equal(Scalar.ValueOneofCase.NoneType, absent.Value.Scalar.ValueCase);
        Assert.Equal("none", absent.Type.Structure.Tag);
    }

    [Fact]
    public void Record_is_a_STRUCT_with_its_JSON_schema_like_a_dataclass()
    {
        var type = InputType(Echo.FlyteTasks.Record);

        Assert.Equal(SimpleType.Struct, type.Simple);
        Assert.Equal("Object-Dataclass-Transformer", type.Structure.Tag);
        Assert.Equal("msgpack", type.Annotation.Annotations.Fields["cache-key-metadata"].StructValue.Fields["serialization-format"].StringValue);
        var schema = type.Metadata.Fields;
        Assert.Equal("object", schema["type"].StringValue);
        Assert.Equal("Point", schema["title"].StringValue);
        Assert.False(schema["additionalProperties"].BoolValue);
        // Label is nullable but has no default: required, as flyte-sdk lists an Optional field without a default.
        Assert.Equal(["X", "Y", "Label"], schema["required"].ListValue.Values.Select(v => v.StringValue));
        var properties = schema["properties"].StructValue.Fields;
        Assert.Equal("integer", properties["X"].StructValue.Fields["type"].StringValue);
        Assert.Equal("number", properties["Y"].StructValue.Fields["type"].StringValue);
        Assert.Equal(2, properties["Label"].StructValue.Fields["anyOf"].ListValue.Values.Count);
    }

    [Fact]
    public void Record_value_is_msgpack_binary_keyed_by_property_name()
    {
        var literal = Echo.FlyteTasks.Record.EncodeInputs(new Point(1, 2.5, "a")).Literals["v"];

        Assert.Equal("msgpack", literal.Scalar.Binary.Tag);
        var reader = new MessagePack.MessagePackReader(literal.Scalar.Binary.Value.Memory);
        Assert.Equal(3, reader.ReadMapHeader());
        Assert.Equal("X", reader.ReadString());
        Assert.Equal(1, reader.ReadInt32());
        Assert.Equal("Y", reader.ReadString());
        Assert.Equal(2.5, reader.ReadDouble());
        Assert.Equal("Label", reader.ReadString());
        Assert.Equal("a", reader.ReadString());
    }

    [Fact]
    public void Files_and_directories_are_single_and_multipart_blobs()
    {
        Assert.Equal(BlobType.Types.BlobDimensionality.Single, InputType(Echo.FlyteTasks.File).Blob.Dimensionality);
        Assert.Equal(BlobType.Types.BlobDimensionality.Multipart, InputType(Echo.FlyteTasks.Directory).Blob.Dimensionality);
    }

    [Fact]
    public void Interface_variables_are_sorted_and_both_maps_are_present()
    {
        var named = Echo.FlyteTasks.NamedTuple.Interface;
        Assert.Equal(["count", "name"], named.Inputs.Variables.Select(v => v.Key));
        Assert.Equal(["Count", "Name"], named.Outputs.Variables.Select(v => v.Key));
        Assert.Equal(["v"], Echo.FlyteTasks.Int32.Interface.Inputs.Variables.Select(v => v.Key));
    }
}
