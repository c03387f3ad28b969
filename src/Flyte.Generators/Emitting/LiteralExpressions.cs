using System;
using System.Linq;
using Flyte.Generators.Model;

namespace Flyte.Generators.Emitting;

/// <summary>
/// C# expressions, as text, that build a type's LiteralType and convert its values to and from
/// literals. Composite types compose the runtime helpers of Flyte.Sdk with static lambdas.
/// </summary>
internal static class LiteralExpressions
{
    private const string Scalars = "global::Flyte.Generation.ScalarLiterals";
    private const string Collections = "global::Flyte.Generation.CollectionLiterals";
    private const string Optionals = "global::Flyte.Generation.OptionalLiterals";
    private const string Types = "global::Flyte.Generation.LiteralTypes";
    private const string Files = "global::Flyte.Generation.BlobLiterals";
    private const string Tables = "global::Flyte.Generation.StructuredDatasetLiterals";

    public static string LiteralType(TypeModel type) => type.Shape switch
    {
        TypeShape.Boolean => $"{Types}.Boolean",
        TypeShape.SByte or TypeShape.Byte or TypeShape.Int16 or TypeShape.UInt16 or TypeShape.Int32 or TypeShape.UInt32 or TypeShape.Int64 or TypeShape.UInt64 => $"{Types}.Integer",
        TypeShape.Single or TypeShape.Double => $"{Types}.Float",
        TypeShape.Decimal or TypeShape.String or TypeShape.Guid => $"{Types}.String",
        TypeShape.DateTime or TypeShape.DateTimeOffset => $"{Types}.Datetime",
        TypeShape.TimeSpan => $"{Types}.Duration",
        TypeShape.Enum => $"{Types}.Enum({string.Join(", ", type.EnumMembers.Select(Text.Literal))})",
        TypeShape.Array or TypeShape.List or TypeShape.ReadOnlyList => $"{Types}.Collection({LiteralType(type.Element!)})",
        TypeShape.Dictionary or TypeShape.ReadOnlyDictionary => $"{Types}.Map({LiteralType(type.Element!)})",
        TypeShape.NullableValue or TypeShape.NullableReference => $"{Types}.Optional({LiteralType(type.Element!)}, {Text.Literal(UnionTag(type.Element!))})",
        TypeShape.Record => $"{RecordEmitter.ConverterName(type.Record!)}.LiteralType",
        TypeShape.FlyteFile => $"{Files}.FileType",
        TypeShape.FlyteDirectory => $"{Files}.DirectoryType",
        TypeShape.DataFrame => $"{Tables}.Type",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type.Shape, null),
    };

    /// <summary>The tag flyte-sdk gives a union variant of this type: the name of its type transformer.</summary>
    public static string UnionTag(TypeModel type) => type.Shape switch
    {
        TypeShape.Boolean => "bool",
        TypeShape.SByte or TypeShape.Byte or TypeShape.Int16 or TypeShape.UInt16 or TypeShape.Int32 or TypeShape.UInt32 or TypeShape.Int64 or TypeShape.UInt64 => "int",
        TypeShape.Single or TypeShape.Double => "float",
        TypeShape.Decimal or TypeShape.String or TypeShape.Guid => "str",
        TypeShape.DateTime or TypeShape.DateTimeOffset => "datetime",
        TypeShape.TimeSpan => "timedelta",
        TypeShape.Enum => "DefaultEnumTransformer",
        TypeShape.Array or TypeShape.List or TypeShape.ReadOnlyList => "Typed List",
        TypeShape.Dictionary or TypeShape.ReadOnlyDictionary => "Typed Dict",
        TypeShape.Record => "Object-Dataclass-Transformer",
        TypeShape.FlyteFile => "File",
        TypeShape.FlyteDirectory => "Dir",
        TypeShape.DataFrame => "DataFrame Transformer",
        TypeShape.NullableValue or TypeShape.NullableReference => UnionTag(type.Element!),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type.Shape, null),
    };

    /// <summary>An expression of type Literal that encodes <paramref name="value"/>.</summary>
    public static string Encode(TypeModel type, string value, int depth = 0)
    {
        string element = "v" + (depth + 1);
        return type.Shape switch
        {
            TypeShape.Boolean => $"{Scalars}.FromBoolean({value})",
            TypeShape.SByte or TypeShape.Byte or TypeShape.Int16 or TypeShape.UInt16 or TypeShape.Int32 or TypeShape.UInt32 or TypeShape.Int64 => $"{Scalars}.FromInt64({value})",
            TypeShape.UInt64 => $"{Scalars}.FromUInt64({value})",
            TypeShape.Single or TypeShape.Double => $"{Scalars}.FromDouble({value})",
            TypeShape.Decimal => $"{Scalars}.FromDecimal({value})",
            TypeShape.String => $"{Scalars}.FromString({value})",
            TypeShape.Guid => $"{Scalars}.FromGuid({value})",
            TypeShape.DateTime => $"{Scalars}.FromDateTime({value})",
            TypeShape.DateTimeOffset => $"{Scalars}.FromDateTimeOffset({value})",
            TypeShape.TimeSpan => $"{Scalars}.FromTimeSpan({value})",
            TypeShape.Enum => $"{Scalars}.FromString({EnumName(type, value)})",
            TypeShape.Array or TypeShape.List or TypeShape.ReadOnlyList =>
                $"{Collections}.FromList({value}, static {element} => {Encode(type.Element!, element, depth + 1)})",
            TypeShape.Dictionary or TypeShape.ReadOnlyDictionary =>
                $"{Collections}.FromMap({value}, static {element} => {Encode(type.Element!, element, depth + 1)})",
            TypeShape.NullableValue =>
                $"{Optionals}.FromValue({value}, static {element} => {Encode(type.Element!, element, depth + 1)}, {LiteralType(type.Element!)}, {Text.Literal(UnionTag(type.Element!))})",
            TypeShape.NullableReference =>
                $"{Optionals}.FromReference({value}, static {element} => {Encode(type.Element!, element, depth + 1)}, {LiteralType(type.Element!)}, {Text.Literal(UnionTag(type.Element!))})",
            TypeShape.Record => $"{RecordEmitter.ConverterName(type.Record!)}.ToLiteral({value})",
            TypeShape.FlyteFile => $"{Files}.FromFile({value})",
            TypeShape.FlyteDirectory => $"{Files}.FromDirectory({value})",
            TypeShape.DataFrame => $"{Tables}.From({value})",
            _ => throw new ArgumentOutOfRangeException(nameof(type), type.Shape, null),
        };
    }

    /// <summary>An expression of the C# type that decodes the Literal <paramref name="literal"/>.</summary>
    public static string Decode(TypeModel type, string literal, int depth = 0)
    {
        string element = "l" + (depth + 1);
        return type.Shape switch
        {
            TypeShape.Boolean => $"{Scalars}.ToBoolean({literal})",
            TypeShape.SByte => $"{Scalars}.ToSByte({literal})",
            TypeShape.Byte => $"{Scalars}.ToByte({literal})",
            TypeShape.Int16 => $"{Scalars}.ToInt16({literal})",
            TypeShape.UInt16 => $"{Scalars}.ToUInt16({literal})",
            TypeShape.Int32 => $"{Scalars}.ToInt32({literal})",
            TypeShape.UInt32 => $"{Scalars}.ToUInt32({literal})",
            TypeShape.Int64 => $"{Scalars}.ToInt64({literal})",
            TypeShape.UInt64 => $"{Scalars}.ToUInt64({literal})",
            TypeShape.Single => $"{Scalars}.ToSingle({literal})",
            TypeShape.Double => $"{Scalars}.ToDouble({literal})",
            TypeShape.Decimal => $"{Scalars}.ToDecimal({literal})",
            TypeShape.String => $"{Scalars}.ToString({literal})",
            TypeShape.Guid => $"{Scalars}.ToGuid({literal})",
            TypeShape.DateTime => $"{Scalars}.ToDateTime({literal})",
            TypeShape.DateTimeOffset => $"{Scalars}.ToDateTimeOffset({literal})",
            TypeShape.TimeSpan => $"{Scalars}.ToTimeSpan({literal})",
            TypeShape.Enum => $"{Scalars}.ToEnum<{type.FullyQualifiedName}>({literal}, static name => {EnumParse(type, "name")})",
            TypeShape.Array => $"{Collections}.ToArray({literal}, static {element} => {Decode(type.Element!, element, depth + 1)})",
            TypeShape.List or TypeShape.ReadOnlyList => $"{Collections}.ToList({literal}, static {element} => {Decode(type.Element!, element, depth + 1)})",
            TypeShape.Dictionary or TypeShape.ReadOnlyDictionary => $"{Collections}.ToDictionary({literal}, static {element} => {Decode(type.Element!, element, depth + 1)})",
            TypeShape.NullableValue => $"{Optionals}.ToValue({literal}, static {element} => {Decode(type.Element!, element, depth + 1)})",
            TypeShape.NullableReference => $"{Optionals}.ToReference({literal}, static {element} => {Decode(type.Element!, element, depth + 1)})",
            TypeShape.Record => $"{RecordEmitter.ConverterName(type.Record!)}.FromLiteral({literal})",
            TypeShape.FlyteFile => $"{Files}.ToFile({literal})",
            TypeShape.FlyteDirectory => $"{Files}.ToDirectory({literal})",
            TypeShape.DataFrame => $"{Tables}.To({literal})",
            _ => throw new ArgumentOutOfRangeException(nameof(type), type.Shape, null),
        };
    }

    /// <summary>A switch expression from an enum value to its member name: no reflection, no Enum.ToString.</summary>
    public static string EnumName(TypeModel type, string value) =>
        $"({value} switch {{ {string.Join(" ", type.EnumMembers.Select(m => $"{type.FullyQualifiedName}.{m} => {Text.Literal(m)},"))} _ => throw new global::System.ArgumentOutOfRangeException(\"{Text.Escape(type.DisplayName)}\", {value}, \"not a named member of {Text.Escape(type.DisplayName)}\") }})";

    /// <summary>A switch expression from a member name to a nullable enum value.</summary>
    public static string EnumParse(TypeModel type, string name) =>
        $"{name} switch {{ {string.Join(" ", type.EnumMembers.Select(m => $"{Text.Literal(m)} => ({type.FullyQualifiedName}?){type.FullyQualifiedName}.{m},"))} _ => null }}";
}
