using System.Runtime.CompilerServices;
using Apache.Arrow;
using Apache.Arrow.Types;
using Parquet;
using Parquet.Schema;
using ArrowField = Apache.Arrow.Field;
using ParquetField = Parquet.Schema.Field;

namespace Flyte.DataFrames;

/// <summary>
/// One Parquet file as Arrow record batches, one per row group, read column by column through Parquet.Net's low-level
/// API: the non-null values and the definition levels that say which rows hold them.
/// </summary>
internal static class ParquetToArrow
{
    /// <param name="file">A readable, seekable stream over the whole file.</param>
    /// <param name="columns">The columns to read, in this order; empty for all of them, in the file's order.</param>
    /// <param name="description">Where the file is, for messages.</param>
    public static async IAsyncEnumerable<RecordBatch> ReadAsync(Stream file, IReadOnlyList<string> columns, string description,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var options = new ParquetOptions { UseDateOnlyTypeForDates = true };
        var reader = await ParquetReader.CreateAsync(file, options, leaveStreamOpen: true, cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            DataField[] fields = Select(reader.Schema, columns, description);
            var schema = new Schema(fields.Select(ToArrowField), null);
            if (reader.RowGroupCount == 0)
            {
                // An empty table: no row group, its columns only in the footer.
                var empty = new IArrowArray[fields.Length];
                for (int i = 0; i < fields.Length; i++)
                {
                    empty[i] = await ReadColumnAsync(null, fields[i], 0, cancellationToken).ConfigureAwait(false);
                }
                yield return new RecordBatch(schema, empty, 0);
                yield break;
            }
            foreach (var rowGroup in reader.RowGroups)
            {
                int rows = checked((int)rowGroup.RowCount);
                var arrays = new IArrowArray[fields.Length];
                for (int i = 0; i < fields.Length; i++)
                {
                    arrays[i] = await ReadColumnAsync(rowGroup, fields[i], rows, cancellationToken).ConfigureAwait(false);
                }
                yield return new RecordBatch(schema, arrays, rows);
            }
        }
    }

    private static DataField[] Select(ParquetSchema schema, IReadOnlyList<string> columns, string description)
    {
        var byName = new Dictionary<string, ParquetField>(StringComparer.Ordinal);
        foreach (var field in schema.Fields)
        {
            byName.TryAdd(field.Name, field);
        }
        IEnumerable<ParquetField> chosen = columns.Count == 0
            ? schema.Fields
            : columns.Select(name => byName.TryGetValue(name, out var field)
                ? field
                : throw new InvalidDataException($"{description} has no column '{name}', which its literal names; it has {string.Join(", ", byName.Keys)}."));
        return chosen.Select(field => field is DataField { IsArray: false } data
                ? data
                : throw new NotSupportedException($"Column '{field.Name}' of {description} is a {field.SchemaType.ToString().ToLowerInvariant()}; a DataFrame carries flat columns of {ArrowSchemas.SupportedTypes}."))
            .ToArray();
    }

    private static ArrowField ToArrowField(DataField field)
    {
        IArrowType type = field switch
        {
            // pyarrow reads an instant (isAdjustedToUTC) as zone "UTC" and a wall-clock reading as zone-less.
            DateTimeDataField timestamp => new TimestampType(UnitOf(timestamp), timestamp.IsAdjustedToUTC ? "UTC" : (string?)null),
            _ when field.ClrType == typeof(bool) => BooleanType.Default,
            _ when field.ClrType == typeof(sbyte) => Int8Type.Default,
            _ when field.ClrType == typeof(short) => Int16Type.Default,
            _ when field.ClrType == typeof(int) => Int32Type.Default,
            _ when field.ClrType == typeof(long) => Int64Type.Default,
            _ when field.ClrType == typeof(byte) => UInt8Type.Default,
            _ when field.ClrType == typeof(ushort) => UInt16Type.Default,
            _ when field.ClrType == typeof(uint) => UInt32Type.Default,
            _ when field.ClrType == typeof(ulong) => UInt64Type.Default,
            _ when field.ClrType == typeof(float) => FloatType.Default,
            _ when field.ClrType == typeof(double) => DoubleType.Default,
            _ when field.ClrType == typeof(ReadOnlyMemory<char>) => StringType.Default,
            _ when field.ClrType == typeof(DateOnly) => Date32Type.Default,
            _ => throw new NotSupportedException(
                $"Column '{field.Name}' holds Parquet values read as {field.ClrType.Name}, which a DataFrame does not carry; supported: {ArrowSchemas.SupportedTypes}."),
        };
        return new ArrowField(field.Name, type, field.IsNullable);
    }

    private static TimeUnit UnitOf(DateTimeDataField field) => field.DateTimeFormat switch
    {
        DateTimeFormat.Timestamp => field.Unit switch
        {
            DateTimeTimeUnit.Millis => TimeUnit.Millisecond,
            DateTimeTimeUnit.Micros => TimeUnit.Microsecond,
            _ => TimeUnit.Nanosecond,
        },
        DateTimeFormat.DateAndTime => TimeUnit.Millisecond,
        DateTimeFormat.DateAndTimeMicros => TimeUnit.Microsecond,
        // INT96, Impala's and Spark's old timestamps: nanoseconds, as pyarrow reads them.
        _ => TimeUnit.Nanosecond,
    };

    /// <param name="rowGroup">null for the columns of an empty table.</param>
    private static async Task<IArrowArray> ReadColumnAsync(ParquetRowGroupReader? rowGroup, DataField field, int rows, CancellationToken cancellationToken)
    {
        int present = field.MaxDefinitionLevel;
        switch (field)
        {
            case DateTimeDataField timestamp:
            {
                var type = (TimestampType)ToArrowField(timestamp).DataType;
                var (values, levels) = await ReadAsync<DateTime>(rowGroup, field, rows, cancellationToken).ConfigureAwait(false);
                var (spread, validity, nulls) = Spread(values, levels, present, rows, value => ArrowTime.FromDateTime(value, type.Unit));
                return new TimestampArray(type, ValueBuffer(spread), validity, rows, nulls, 0);
            }
            case var _ when field.ClrType == typeof(bool):
            {
                var (values, levels) = await ReadAsync<bool>(rowGroup, field, rows, cancellationToken).ConfigureAwait(false);
                var builder = new BooleanArray.Builder().Reserve(rows);
                int next = 0;
                for (int i = 0; i < rows; i++)
                {
                    builder = levels is null || levels[i] == present ? builder.Append(values[next++]) : builder.AppendNull();
                }
                return builder.Build();
            }
            case var _ when field.ClrType == typeof(ReadOnlyMemory<char>):
            {
                var (values, levels) = await ReadAsync<ReadOnlyMemory<char>>(rowGroup, field, rows, cancellationToken).ConfigureAwait(false);
                var builder = new StringArray.Builder().Reserve(rows);
                int next = 0;
                for (int i = 0; i < rows; i++)
                {
                    builder = levels is null || levels[i] == present ? builder.Append(new string(values[next++].Span)) : builder.AppendNull();
                }
                return builder.Build();
            }
            case var _ when field.ClrType == typeof(DateOnly):
            {
                var (values, levels) = await ReadAsync<DateOnly>(rowGroup, field, rows, cancellationToken).ConfigureAwait(false);
                var (spread, validity, nulls) = Spread(values, levels, present, rows, ArrowTime.ToDays);
                return new Date32Array(ValueBuffer(spread), validity, rows, nulls, 0);
            }
            case var _ when field.ClrType == typeof(sbyte):
                return await PrimitiveAsync<sbyte>(rowGroup, field, rows, static (v, n, l, c) => new Int8Array(v, n, l, c, 0), cancellationToken).ConfigureAwait(false);
            case var _ when field.ClrType == typeof(short):
                return await PrimitiveAsync<short>(rowGroup, field, rows, static (v, n, l, c) => new Int16Array(v, n, l, c, 0), cancellationToken).ConfigureAwait(false);
            case var _ when field.ClrType == typeof(int):
                return await PrimitiveAsync<int>(rowGroup, field, rows, static (v, n, l, c) => new Int32Array(v, n, l, c, 0), cancellationToken).ConfigureAwait(false);
            case var _ when field.ClrType == typeof(long):
                return await PrimitiveAsync<long>(rowGroup, field, rows, static (v, n, l, c) => new Int64Array(v, n, l, c, 0), cancellationToken).ConfigureAwait(false);
            case var _ when field.ClrType == typeof(byte):
                return await PrimitiveAsync<byte>(rowGroup, field, rows, static (v, n, l, c) => new UInt8Array(v, n, l, c, 0), cancellationToken).ConfigureAwait(false);
            case var _ when field.ClrType == typeof(ushort):
                return await PrimitiveAsync<ushort>(rowGroup, field, rows, static (v, n, l, c) => new UInt16Array(v, n, l, c, 0), cancellationToken).ConfigureAwait(false);
            case var _ when field.ClrType == typeof(uint):
                return await PrimitiveAsync<uint>(rowGroup, field, rows, static (v, n, l, c) => new UInt32Array(v, n, l, c, 0), cancellationToken).ConfigureAwait(false);
            case var _ when field.ClrType == typeof(ulong):
                return await PrimitiveAsync<ulong>(rowGroup, field, rows, static (v, n, l, c) => new UInt64Array(v, n, l, c, 0), cancellationToken).ConfigureAwait(false);
            case var _ when field.ClrType == typeof(float):
                return await PrimitiveAsync<float>(rowGroup, field, rows, static (v, n, l, c) => new FloatArray(v, n, l, c, 0), cancellationToken).ConfigureAwait(false);
            case var _ when field.ClrType == typeof(double):
                return await PrimitiveAsync<double>(rowGroup, field, rows, static (v, n, l, c) => new DoubleArray(v, n, l, c, 0), cancellationToken).ConfigureAwait(false);
            default:
                // ToArrowField refused the column's type already, when the schema was read.
                throw new NotSupportedException($"Column '{field.Name}' of type {field.ClrType.Name}");
        }
    }

    private static async Task<IArrowArray> PrimitiveAsync<T>(ParquetRowGroupReader? rowGroup, DataField field, int rows,
        Func<ArrowBuffer, ArrowBuffer, int, int, IArrowArray> make, CancellationToken cancellationToken)
        where T : struct
    {
        var (values, levels) = await ReadAsync<T>(rowGroup, field, rows, cancellationToken).ConfigureAwait(false);
        var (spread, validity, nulls) = Spread(values, levels, field.MaxDefinitionLevel, rows, static value => value);
        return make(ValueBuffer(spread), validity, rows, nulls);
    }

    /// <returns>The non-null values, in row order, and for a nullable column each row's definition level.</returns>
    private static async Task<(T[] Values, int[]? Levels)> ReadAsync<T>(ParquetRowGroupReader? rowGroup, DataField field, int rows, CancellationToken cancellationToken)
        where T : struct
    {
        var values = new T[rows];
        int[]? levels = field.MaxDefinitionLevel > 0 ? new int[rows] : null;
        if (rowGroup is not null && rows > 0)
        {
            Memory<int>? definitionLevels = levels is null ? (Memory<int>?)null : levels;
            await rowGroup.ReadRawAsync<T>(field, values, definitionLevels, null, cancellationToken).ConfigureAwait(false);
        }
        return (values, levels);
    }

    /// <summary>The values at their rows, with a validity bitmap when some rows are null (Arrow's layout).</summary>
    private static (TArrow[] Values, ArrowBuffer Validity, int NullCount) Spread<TSource, TArrow>(TSource[] values, int[]? levels, int present, int rows, Func<TSource, TArrow> convert)
    {
        var spread = new TArrow[rows];
        if (levels is null)
        {
            for (int i = 0; i < rows; i++)
            {
                spread[i] = convert(values[i]);
            }
            return (spread, ArrowBuffer.Empty, 0);
        }
        var validity = new ArrowBuffer.BitmapBuilder(rows);
        int next = 0;
        int nulls = 0;
        for (int i = 0; i < rows; i++)
        {
            bool isPresent = levels[i] == present;
            validity.Append(isPresent);
            if (isPresent)
            {
                spread[i] = convert(values[next++]);
            }
            else
            {
                nulls++;
            }
        }
        return (spread, nulls == 0 ? ArrowBuffer.Empty : validity.Build(), nulls);
    }

    private static ArrowBuffer ValueBuffer<T>(T[] values) where T : struct =>
        new ArrowBuffer.Builder<T>(Math.Max(values.Length, 1)).Append(values).Build();
}
