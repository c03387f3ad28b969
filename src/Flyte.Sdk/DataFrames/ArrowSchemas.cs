using Apache.Arrow;
using Apache.Arrow.Types;

namespace Flyte.DataFrames;

/// <summary>What a table's columns are, compared and told in messages.</summary>
internal static class ArrowSchemas
{
    /// <summary>The column types a table may have, for messages (docs/dataframes.md has the mapping).</summary>
    public const string SupportedTypes =
        "bool, int8, int16, int32, int64, uint8, uint16, uint32, uint64, float, double, string (utf8), date32, timestamp (any unit, with or without a time zone)";

    /// <summary>Whether two schemas have the same column names and types, in the same order.</summary>
    public static bool SameColumns(Schema a, Schema b) =>
        a.FieldsList.Count == b.FieldsList.Count
        && a.FieldsList.Zip(b.FieldsList).All(pair => pair.First.Name == pair.Second.Name && SameType(pair.First.DataType, pair.Second.DataType));

    private static bool SameType(IArrowType a, IArrowType b) =>
        a.TypeId == b.TypeId
        && (a is not TimestampType ta || b is TimestampType tb && ta.Unit == tb.Unit && ta.IsTimeZoneAware == tb.IsTimeZoneAware);

    public static string Describe(Schema schema) => string.Join(", ", schema.FieldsList.Select(field => $"{field.Name}: {field.DataType.Name}"));

    public static NotSupportedException Unsupported(string column, IArrowType type) =>
        new($"Column '{column}' is of Arrow type {type.Name}, which a DataFrame does not carry; supported: {SupportedTypes}.");
}
