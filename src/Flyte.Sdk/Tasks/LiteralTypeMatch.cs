using Flyteidl2.Core;
using Google.Protobuf.WellKnownTypes;

namespace Flyte.Tasks;

/// <summary>
/// Whether a value written for one LiteralType is read correctly by a task that declares another: the same kind, the
/// same element types, the same enum values, the same record fields. What only describes a type (its title, its
/// Python class tag, a blob's or a table's format) does not count, as two SDKs describe the same type differently.
/// </summary>
internal static class LiteralTypeMatch
{
    /// <summary>Null when <paramref name="declared"/> fits <paramref name="deployed"/>; else how they differ, in words.</summary>
    public static string? Difference(LiteralType declared, LiteralType deployed)
    {
        ArgumentNullException.ThrowIfNull(declared);
        ArgumentNullException.ThrowIfNull(deployed);
        if (declared.TypeCase != deployed.TypeCase)
        {
            return Different(declared, deployed);
        }
        return declared.TypeCase switch
        {
            LiteralType.TypeOneofCase.Simple when declared.Simple != deployed.Simple => Different(declared, deployed),
            LiteralType.TypeOneofCase.Simple when declared.Simple == SimpleType.Struct => StructDifference(declared, deployed),
            LiteralType.TypeOneofCase.Simple => null,
            LiteralType.TypeOneofCase.CollectionType => Difference(declared.CollectionType, deployed.CollectionType) is { } inner ? "list items: " + inner : null,
            LiteralType.TypeOneofCase.MapValueType => Difference(declared.MapValueType, deployed.MapValueType) is { } inner ? "map values: " + inner : null,
            LiteralType.TypeOneofCase.EnumType => declared.EnumType.Values.ToHashSet().SetEquals(deployed.EnumType.Values) ? null : Different(declared, deployed),
            LiteralType.TypeOneofCase.Blob => declared.Blob.Dimensionality == deployed.Blob.Dimensionality ? null : Different(declared, deployed),
            LiteralType.TypeOneofCase.UnionType => UnionDifference(declared, deployed),
            LiteralType.TypeOneofCase.StructuredDatasetType => ColumnsDifference(declared.StructuredDatasetType, deployed.StructuredDatasetType),
            _ => declared.Equals(deployed) ? null : Different(declared, deployed),
        };
    }

    private static string Different(LiteralType declared, LiteralType deployed) =>
        $"declared {LiteralTypeDescription.Of(declared)} but deployed as {LiteralTypeDescription.Of(deployed)}";

    private static string? UnionDifference(LiteralType declared, LiteralType deployed)
    {
        var theirs = deployed.UnionType.Variants;
        if (declared.UnionType.Variants.Count != theirs.Count
            || !declared.UnionType.Variants.All(mine => theirs.Any(their => Difference(mine, their) is null)))
        {
            return Different(declared, deployed);
        }
        return null;
    }

    /// <summary>Records of both SDKs carry a JSON schema; their field names must agree where both list them.</summary>
    private static string? StructDifference(LiteralType declared, LiteralType deployed)
    {
        if (Fields(declared) is not { } mine || Fields(deployed) is not { } theirs || mine.SetEquals(theirs))
        {
            return null;
        }
        return $"record fields differ: declared ({string.Join(", ", mine.Order(StringComparer.Ordinal))}), deployed ({string.Join(", ", theirs.Order(StringComparer.Ordinal))})";
    }

    private static HashSet<string>? Fields(LiteralType type) =>
        type.Metadata?.Fields.TryGetValue("properties", out var properties) == true && properties.KindCase == Value.KindOneofCase.StructValue
            ? properties.StructValue.Fields.Keys.ToHashSet(StringComparer.Ordinal)
            : null;

    /// <summary>A table without declared columns takes any table; where both declare columns, they must agree.</summary>
    private static string? ColumnsDifference(StructuredDatasetType declared, StructuredDatasetType deployed)
    {
        if (declared.Columns.Count == 0 || deployed.Columns.Count == 0)
        {
            return null;
        }
        var theirs = deployed.Columns.ToDictionary(c => c.Name, c => c.LiteralType, StringComparer.Ordinal);
        foreach (var column in declared.Columns)
        {
            if (!theirs.TryGetValue(column.Name, out var type))
            {
                return $"the deployed table has no column '{column.Name}'";
            }
            if (Difference(column.LiteralType, type) is { } inner)
            {
                return $"column '{column.Name}': {inner}";
            }
        }
        return null;
    }
}
