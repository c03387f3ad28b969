using System.ComponentModel;
using Flyteidl2.Core;

namespace Flyte.Generation;

/// <summary>
/// The Flyte LiteralType of each supported C# type, as flyte-sdk writes it for the matching
/// Python type. Generated code composes these; nothing here inspects types at run time.
/// </summary>
/// <remarks>For the code the Flyte source generator writes, not for direct use: it may change in any release.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class LiteralTypes
{
    /// <summary>INTEGER: every C# integer type travels as int64.</summary>
    public static LiteralType Integer => Simple(SimpleType.Integer);
    /// <summary>FLOAT: <c>double</c> and <c>float</c>.</summary>
    public static LiteralType Float => Simple(SimpleType.Float);
    /// <summary>STRING.</summary>
    public static LiteralType String => Simple(SimpleType.String);
    /// <summary>BOOLEAN.</summary>
    public static LiteralType Boolean => Simple(SimpleType.Boolean);
    /// <summary>DATETIME: <c>DateTime</c> and <c>DateTimeOffset</c>.</summary>
    public static LiteralType Datetime => Simple(SimpleType.Datetime);
    /// <summary>DURATION: <c>TimeSpan</c>.</summary>
    public static LiteralType Duration => Simple(SimpleType.Duration);
    /// <summary>NONE: a task with no result.</summary>
    public static LiteralType None => Simple(SimpleType.None);

    /// <summary>A collection of <paramref name="element"/>.</summary>
    public static LiteralType Collection(LiteralType element) => new() { CollectionType = element };

    /// <summary>A string-keyed map of <paramref name="value"/>.</summary>
    public static LiteralType Map(LiteralType value) => new() { MapValueType = value };

    /// <summary>An enum with the names <paramref name="values"/>.</summary>
    public static LiteralType Enum(params string[] values) => new() { EnumType = new EnumType { Values = { values } } };

    /// <summary><c>T?</c>: a union of the type and none, each variant tagged with its name.</summary>
    public static LiteralType Optional(LiteralType type, string typeTag)
    {
        var variant = type.Clone();
        variant.Structure = new TypeStructure { Tag = typeTag };
        var none = None;
        none.Structure = new TypeStructure { Tag = "none" };
        return new LiteralType { UnionType = new UnionType { Variants = { variant, none } } };
    }

    /// <summary>A record or class: STRUCT with its JSON schema in the metadata, as flyte-sdk does for dataclasses.</summary>
    public static LiteralType Struct(string jsonSchema)
    {
        var schema = Google.Protobuf.WellKnownTypes.Struct.Parser.ParseJson(jsonSchema);
        return new LiteralType { Simple = SimpleType.Struct, Metadata = schema };
    }

    /// <summary>A blob of <paramref name="format"/> with <paramref name="dimensionality"/> (single: a file, multipart: a directory).</summary>
    public static LiteralType Blob(string format, BlobType.Types.BlobDimensionality dimensionality) =>
        new() { Blob = new BlobType { Format = format, Dimensionality = dimensionality } };

    private static LiteralType Simple(SimpleType simple) => new() { Simple = simple };
}
