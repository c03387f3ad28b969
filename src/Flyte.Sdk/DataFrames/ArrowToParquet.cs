using Apache.Arrow;
using Apache.Arrow.Types;
using Parquet;
using Parquet.Schema;
using ArrowField = Apache.Arrow.Field;

namespace Flyte.DataFrames;

/// <summary>
/// Arrow record batches as one Parquet file, written column by column through Parquet.Net's low-level API: one row group
/// per batch, Snappy compression and timestamps in microseconds, as flyte-sdk's pandas writer leaves them
/// (<c>to_parquet(coerce_timestamps="us", allow_truncated_timestamps=False)</c>).
/// </summary>
internal static class ArrowToParquet
{
    public static async Task WriteAsync(Stream output, IReadOnlyList<RecordBatch> batches, CancellationToken cancellationToken)
    {
        if (batches.Count == 0)
        {
            throw new ArgumentException("A table needs at least one record batch (an empty table is one batch of length 0).", nameof(batches));
        }
        Schema schema = batches[0].Schema;
        if (batches.FirstOrDefault(batch => !ArrowSchemas.SameColumns(schema, batch.Schema)) is { } other)
        {
            throw new ArgumentException($"All batches of a table share one schema: ({ArrowSchemas.Describe(schema)}) and ({ArrowSchemas.Describe(other.Schema)}) differ.", nameof(batches));
        }

        var fields = new DataField[schema.FieldsList.Count];
        for (int i = 0; i < fields.Length; i++)
        {
            int column = i;
            // A column Arrow calls non-nullable may still hold nulls; Parquet would refuse them in a REQUIRED column.
            bool hasNulls = batches.Any(batch => batch.Column(column).NullCount > 0);
            fields[i] = FieldOf(schema.FieldsList[i], hasNulls);
        }

        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Snappy };
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), output, options, cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var batch in batches)
        {
            if (batch.Length == 0)
            {
                // pyarrow writes no row group for an empty table either; the schema is in the footer.
                continue;
            }
            using var rowGroup = writer.CreateRowGroup();
            for (int i = 0; i < fields.Length; i++)
            {
                await WriteColumnAsync(rowGroup, fields[i], batch.Column(i), cancellationToken).ConfigureAwait(false);
            }
            rowGroup.CompleteValidate();
        }
    }

    private static DataField FieldOf(ArrowField field, bool hasNulls)
    {
        bool nullable = field.IsNullable || hasNulls;
        string name = field.Name;
        return field.DataType switch
        {
            BooleanType => new DataField<bool>(name, nullable),
            Int8Type => new DataField<sbyte>(name, nullable),
            Int16Type => new DataField<short>(name, nullable),
            Int32Type => new DataField<int>(name, nullable),
            Int64Type => new DataField<long>(name, nullable),
            UInt8Type => new DataField<byte>(name, nullable),
            UInt16Type => new DataField<ushort>(name, nullable),
            UInt32Type => new DataField<uint>(name, nullable),
            UInt64Type => new DataField<ulong>(name, nullable),
            FloatType => new DataField<float>(name, nullable),
            DoubleType => new DataField<double>(name, nullable),
            StringType => new DataField<string>(name, nullable),
            Date32Type => new DataField<DateOnly>(name, nullable),
            // A zone-aware timestamp is an instant (isAdjustedToUTC); a naive one is a wall-clock reading.
            TimestampType timestamp => new DateTimeDataField(name, DateTimeFormat.Timestamp, isAdjustedToUTC: timestamp.IsTimeZoneAware, unit: DateTimeTimeUnit.Micros, isNullable: nullable),
            _ => throw ArrowSchemas.Unsupported(name, field.DataType),
        };
    }

    private static Task WriteColumnAsync(ParquetRowGroupWriter rowGroup, DataField field, IArrowArray array, CancellationToken cancellationToken) => array switch
    {
        BooleanArray a => WriteAsync(rowGroup, field, a, i => a.GetValue(i).GetValueOrDefault(), cancellationToken),
        Int8Array a => WriteAsync(rowGroup, field, a, i => a.Values[i], cancellationToken),
        Int16Array a => WriteAsync(rowGroup, field, a, i => a.Values[i], cancellationToken),
        Int32Array a => WriteAsync(rowGroup, field, a, i => a.Values[i], cancellationToken),
        Int64Array a => WriteAsync(rowGroup, field, a, i => a.Values[i], cancellationToken),
        UInt8Array a => WriteAsync(rowGroup, field, a, i => a.Values[i], cancellationToken),
        UInt16Array a => WriteAsync(rowGroup, field, a, i => a.Values[i], cancellationToken),
        UInt32Array a => WriteAsync(rowGroup, field, a, i => a.Values[i], cancellationToken),
        UInt64Array a => WriteAsync(rowGroup, field, a, i => a.Values[i], cancellationToken),
        FloatArray a => WriteAsync(rowGroup, field, a, i => a.Values[i], cancellationToken),
        DoubleArray a => WriteAsync(rowGroup, field, a, i => a.Values[i], cancellationToken),
        StringArray a => WriteAsync(rowGroup, field, a, i => a.GetString(i).AsMemory(), cancellationToken),
        Date32Array a => WriteAsync(rowGroup, field, a, i => ArrowTime.ToDateOnly(a.Values[i]), cancellationToken),
        TimestampArray a => WriteTimestampsAsync(rowGroup, field, a, cancellationToken),
        _ => throw ArrowSchemas.Unsupported(field.Name, array.Data.DataType),
    };

    private static Task WriteTimestampsAsync(ParquetRowGroupWriter rowGroup, DataField field, TimestampArray array, CancellationToken cancellationToken)
    {
        var unit = ((TimestampType)array.Data.DataType).Unit;
        return WriteAsync(rowGroup, field, array, i => ArrowTime.ToMicrosecondDateTime(array.Values[i], unit, field.Name), cancellationToken);
    }

    /// <summary>
    /// Writes the column's non-null values and, for a nullable column, a definition level per row (1 present, 0 null): the
    /// parts Parquet stores, so no nullable copy of the column is made first.
    /// </summary>
    private static Task WriteAsync<T>(ParquetRowGroupWriter rowGroup, DataField field, IArrowArray array, Func<int, T> valueAt, CancellationToken cancellationToken)
        where T : struct
    {
        int length = array.Length;
        var values = new T[length - array.NullCount];
        int[]? levels = field.IsNullable ? new int[length] : null;
        int next = 0;
        for (int i = 0; i < length; i++)
        {
            bool present = array.IsValid(i);
            if (levels is not null)
            {
                levels[i] = present ? 1 : 0;
            }
            if (present)
            {
                values[next++] = valueAt(i);
            }
        }
        // Spelled out: `levels is null ? null : levels` would be an empty memory, not null (null converts to ReadOnlyMemory).
        ReadOnlyMemory<int>? definitionLevels = levels is null ? (ReadOnlyMemory<int>?)null : levels;
        return rowGroup.WriteAllPartsAsync(field, new ReadOnlyMemory<T>(values), definitionLevels, null, cancellationToken);
    }
}
