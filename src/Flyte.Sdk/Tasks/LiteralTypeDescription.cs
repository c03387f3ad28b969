using Flyteidl2.Core;

namespace Flyte.Tasks;

/// <summary>
/// Names a LiteralType the way a user reads it: <c>INTEGER</c>, <c>list of STRING</c>,
/// <c>map of string to FLOAT</c>, <c>INTEGER or none</c>, <c>enum (A | B)</c>, <c>STRUCT Point</c>, <c>file</c>.
/// Used in command-line help, error messages and manifests.
/// </summary>
internal static class LiteralTypeDescription
{
    public static string Of(LiteralType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.TypeCase switch
        {
            LiteralType.TypeOneofCase.Simple => OfSimple(type),
            LiteralType.TypeOneofCase.CollectionType => "list of " + Of(type.CollectionType),
            LiteralType.TypeOneofCase.MapValueType => "map of string to " + Of(type.MapValueType),
            LiteralType.TypeOneofCase.EnumType => $"enum ({string.Join(" | ", type.EnumType.Values)})",
            LiteralType.TypeOneofCase.UnionType => OfUnion(type.UnionType),
            LiteralType.TypeOneofCase.Blob => OfBlob(type.Blob),
            LiteralType.TypeOneofCase.Schema or LiteralType.TypeOneofCase.StructuredDatasetType => "structured dataset",
            _ => "untyped",
        };
    }

    /// <summary>What a value of the type must look like, for "expected …, got …" messages.</summary>
    public static string Expected(LiteralType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.TypeCase switch
        {
            LiteralType.TypeOneofCase.EnumType => "one of " + string.Join(", ", type.EnumType.Values),
            LiteralType.TypeOneofCase.CollectionType => "a JSON list (" + Of(type) + ")",
            LiteralType.TypeOneofCase.MapValueType => "a JSON object (" + Of(type) + ")",
            LiteralType.TypeOneofCase.Blob => type.Blob.Dimensionality == BlobType.Types.BlobDimensionality.Multipart
                ? "a directory path or URI"
                : "a file path or URI",
            LiteralType.TypeOneofCase.StructuredDatasetType => "a table's folder path or URI",
            LiteralType.TypeOneofCase.Simple when type.Simple == SimpleType.Struct => "a JSON object (" + Of(type) + ")",
            LiteralType.TypeOneofCase.Simple when type.Simple == SimpleType.None => "null",
            LiteralType.TypeOneofCase.Simple when type.Simple == SimpleType.Datetime => "a DATETIME (ISO 8601, like \"2024-05-01T12:00:00Z\")",
            LiteralType.TypeOneofCase.Simple when type.Simple == SimpleType.Duration => "a DURATION (like \"PT1M30S\", \"00:01:30\" or \"90s\")",
            _ => WithArticle(Of(type)),
        };
    }

    /// <summary>The non-none variant of a union of one type and none (a C# <c>T?</c>), or null.</summary>
    public static LiteralType? OptionalValueType(LiteralType type)
    {
        if (type.TypeCase != LiteralType.TypeOneofCase.UnionType)
        {
            return null;
        }
        var variants = type.UnionType.Variants;
        if (variants.Count != 2)
        {
            return null;
        }
        return IsNone(variants[1]) ? variants[0] : IsNone(variants[0]) ? variants[1] : null;
    }

    public static bool IsNone(LiteralType type) =>
        type.TypeCase == LiteralType.TypeOneofCase.Simple && type.Simple == SimpleType.None;

    private static string OfSimple(LiteralType type) => type.Simple switch
    {
        SimpleType.None => "none",
        SimpleType.Struct => StructTitle(type) is { } title ? "STRUCT " + title : "STRUCT",
        _ => type.Simple.ToString().ToUpperInvariant(),
    };

    private static string OfUnion(UnionType union)
    {
        var named = union.Variants.Where(v => !IsNone(v)).Select(Of).ToList();
        string variants = string.Join(" | ", named);
        return named.Count < union.Variants.Count ? (named.Count == 1 ? variants : $"({variants})") + " or none" : variants;
    }

    private static string OfBlob(BlobType blob)
    {
        string kind = blob.Dimensionality == BlobType.Types.BlobDimensionality.Multipart ? "directory" : "file";
        return blob.Format.Length > 0 ? $"{kind} ({blob.Format})" : kind;
    }

    private static string? StructTitle(LiteralType type) =>
        type.Metadata?.Fields.TryGetValue("title", out var title) == true && title.KindCase == Google.Protobuf.WellKnownTypes.Value.KindOneofCase.StringValue
            ? title.StringValue
            : null;

    private static string WithArticle(string noun) =>
        noun.Length > 0 && "AEIOUaeiou".Contains(noun[0], StringComparison.Ordinal) ? "an " + noun : "a " + noun;
}
