using Apache.Arrow;
using Flyte.Tasks;

namespace Flyte.Sdk.Tests.Tasks;

/// <summary>Tasks that hand tables to each other: one writes a table, another reads it, a workflow joins them.</summary>
[TaskEnvironment("tables")]
public static partial class Tables
{
    /// <summary>A table of <paramref name="rows"/> rows: id 0…rows-1 and its square as a double.</summary>
    [Task]
    public static Task<DataFrame> Squares(int rows, ITaskContext context, CancellationToken cancellationToken = default)
    {
        var ids = new Int64Array.Builder();
        var squares = new DoubleArray.Builder();
        for (int i = 0; i < rows; i++)
        {
            ids.Append(i);
            squares.Append((double)i * i);
        }
        var schema = new Schema.Builder()
            .Field(f => f.Name("id").DataType(Apache.Arrow.Types.Int64Type.Default).Nullable(false))
            .Field(f => f.Name("square").DataType(Apache.Arrow.Types.DoubleType.Default))
            .Build();
        return DataFrame.WriteAsync(new RecordBatch(schema, [ids.Build(), squares.Build()], rows), context, cancellationToken);
    }

    /// <summary>The sum of a double column, nulls left out.</summary>
    [Task]
    public static async Task<double> Sum(DataFrame table, string column, CancellationToken cancellationToken = default)
    {
        double sum = 0;
        await foreach (var batch in table.ReadBatchesAsync(cancellationToken: cancellationToken))
        {
            var values = (DoubleArray)batch.Column(column);
            for (int i = 0; i < values.Length; i++)
            {
                sum += values.GetValue(i) ?? 0;
            }
        }
        return sum;
    }

    /// <summary>The table as it came: flyte-sdk hands an input's literal back unchanged.</summary>
    [Task]
    public static DataFrame PassThrough(DataFrame table) => table;

    /// <summary>
    /// A new table of the <c>float64</c> column doubled, as <c>value</c>, and a <c>label</c> per row: what a C# step in a Python
    /// pipeline does with the table it is handed.
    /// </summary>
    [Task]
    public static async Task<DataFrame> Doubled(DataFrame table, ITaskContext context, CancellationToken cancellationToken = default)
    {
        Table whole = await table.ReadAllAsync(cancellationToken: cancellationToken);
        var doubled = new DoubleArray.Builder();
        var labels = new StringArray.Builder();
        var column = whole.Column(whole.Schema.GetFieldIndex("float64"));
        for (int chunk = 0; chunk < column.Data.ArrayCount; chunk++)
        {
            var values = (DoubleArray)column.Data.Array(chunk);
            for (int i = 0; i < values.Length; i++)
            {
                doubled.Append(values.GetValue(i) * 2);
                labels.Append(values.IsNull(i) ? "missing" : "row");
            }
        }
        var schema = new Schema.Builder()
            .Field(f => f.Name("value").DataType(Apache.Arrow.Types.DoubleType.Default))
            .Field(f => f.Name("label").DataType(Apache.Arrow.Types.StringType.Default))
            .Build();
        return await DataFrame.WriteAsync(new RecordBatch(schema, [doubled.Build(), labels.Build()], (int)whole.RowCount), context, cancellationToken);
    }

    /// <summary>Task A writes a table, task B reads it.</summary>
    [Workflow]
    public static async Task<double> SumOfSquares(int rows, ITaskContext context)
    {
        DataFrame table = await Squares(rows, context);
        return await Sum(table, "square");
    }
}
