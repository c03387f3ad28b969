using System.ComponentModel;
using Flyteidl2.Core;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Flyte.Generation;

/// <summary>
/// Records and classes travel as flyte-sdk's dataclasses do: <c>Binary{value: msgpack, tag: "msgpack"}</c>,
/// typed STRUCT with the JSON schema as metadata. Generated converters write and read the msgpack.
/// </summary>
/// <remarks>For the code the Flyte source generator writes, not for direct use: it may change in any release.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class StructLiterals
{
    /// <summary>The binary literal's tag for msgpack data.</summary>
    public const string MsgPackTag = "msgpack";
    /// <summary>The type structure tag flyte-sdk gives dataclasses, which records and classes share.</summary>
    public const string DataclassTag = "Object-Dataclass-Transformer";

    /// <summary>The STRUCT literal type of a record or class with schema <paramref name="jsonSchema"/>.</summary>
    public static LiteralType Type(Struct jsonSchema) => new()
    {
        Simple = SimpleType.Struct,
        Metadata = jsonSchema,
        Annotation = new TypeAnnotation
        {
            Annotations = JsonSchema.Object(
                ("cache-key-metadata", JsonSchema.ObjectValue(("serialization-format", Value.ForString(MsgPackTag))))),
        },
        Structure = new TypeStructure { Tag = DataclassTag },
    };

    /// <summary>A binary literal of <paramref name="msgpack"/>, tagged <see cref="MsgPackTag"/>.</summary>
    public static Literal FromMsgPack(ReadOnlySpan<byte> msgpack) =>
        new() { Scalar = new Scalar { Binary = new Binary { Value = ByteString.CopyFrom(msgpack), Tag = MsgPackTag } } };

    /// <summary>The msgpack bytes of a binary literal tagged <see cref="MsgPackTag"/>.</summary>
    public static ReadOnlyMemory<byte> ToMsgPack(Literal literal)
    {
        var binary = literal.Scalar?.Binary;
        if (binary is null)
        {
            throw new LiteralConversionException($"expected a msgpack binary (STRUCT) literal, got {LiteralDescription.Of(literal)}");
        }
        if (binary.Tag != MsgPackTag)
        {
            throw new LiteralConversionException($"expected a binary tagged '{MsgPackTag}', got one tagged '{binary.Tag}'");
        }
        return binary.Value.Memory;
    }
}
