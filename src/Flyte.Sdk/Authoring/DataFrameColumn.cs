using Flyteidl2.Core;

namespace Flyte;

/// <summary>A column a <see cref="DataFrame"/>'s literal names: its name and its Flyte type (INTEGER, FLOAT, STRING, …).</summary>
/// <param name="Name">The column's name in the table.</param>
/// <param name="Type">Its Flyte type, as the task that declared it wrote it.</param>
public sealed record DataFrameColumn(string Name, LiteralType Type)
{
    /// <summary>The columns of a structured dataset type, in order.</summary>
    internal static IReadOnlyList<DataFrameColumn> Of(StructuredDatasetType type) =>
        type.Columns.Select(column => new DataFrameColumn(column.Name, column.LiteralType ?? new LiteralType())).ToList();
}
