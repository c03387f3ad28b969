using Apache.Arrow;
using Apache.Arrow.Types;
using Flyte;
using Flyte.Tasks;

namespace DevboxTests;

/// <summary>Tasks that hand a table from one action to another through the devbox's storage.</summary>
[TaskEnvironment("tables")]
public static partial class Tables
{
    /// <summary>A table of <paramref name="rows"/> rows: <c>id</c> and <c>square</c>, written under the attempt's raw data prefix.</summary>
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
        var schema = new Schema([new Field("id", Int64Type.Default, nullable: false), new Field("square", DoubleType.Default, nullable: true)], null);
        return DataFrame.WriteAsync(new RecordBatch(schema, [ids.Build(), squares.Build()], rows), context, cancellationToken);
    }

    /// <summary>The sum of the <c>square</c> column.</summary>
    [Task]
    public static async Task<double> SumSquares(DataFrame table, CancellationToken cancellationToken = default)
    {
        double sum = 0;
        await foreach (var batch in table.ReadBatchesAsync(cancellationToken: cancellationToken))
        {
            var squares = (DoubleArray)batch.Column("square");
            for (int i = 0; i < squares.Length; i++)
            {
                sum += squares.GetValue(i) ?? 0;
            }
        }
        return sum;
    }

    /// <summary>Task A writes a table in its action, task B reads it in another.</summary>
    [Workflow]
    public static async Task<double> SumOfSquares(int rows, ITaskContext context)
    {
        DataFrame table = await Squares(rows, context);
        return await SumSquares(table);
    }
}
