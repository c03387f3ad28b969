using Apache.Arrow;
using Apache.Arrow.Types;

namespace Flyte.Sdk.Tests.DataFrames;

/// <summary>Tables to write and read: every column type a DataFrame carries, each with a null, and cells to compare.</summary>
internal static class SampleTables
{
    /// <summary>Microseconds since the epoch: 2023-11-14T22:13:20.123456Z, the epoch, and a microsecond before it.</summary>
    public static readonly long[] Microseconds = [1_700_000_000_123_456, 0, -1];

    /// <summary>Three rows, the second of each column null; non-nullable <c>id</c> has none.</summary>
    public static RecordBatch AllTypes()
    {
        var columns = new (Field Field, IArrowArray Array)[]
        {
            (new Field("id", Int32Type.Default, nullable: false), new Int32Array.Builder().Append(1).Append(2).Append(3).Build()),
            (Nullable("bool", BooleanType.Default), new BooleanArray.Builder().Append(true).AppendNull().Append(false).Build()),
            (Nullable("int8", Int8Type.Default), new Int8Array.Builder().Append(sbyte.MinValue).AppendNull().Append(sbyte.MaxValue).Build()),
            (Nullable("int16", Int16Type.Default), new Int16Array.Builder().Append(short.MinValue).AppendNull().Append(short.MaxValue).Build()),
            (Nullable("int32", Int32Type.Default), new Int32Array.Builder().Append(int.MinValue).AppendNull().Append(int.MaxValue).Build()),
            (Nullable("int64", Int64Type.Default), new Int64Array.Builder().Append(long.MinValue).AppendNull().Append(long.MaxValue).Build()),
            (Nullable("uint8", UInt8Type.Default), new UInt8Array.Builder().Append(0).AppendNull().Append(byte.MaxValue).Build()),
            (Nullable("uint16", UInt16Type.Default), new UInt16Array.Builder().Append(0).AppendNull().Append(ushort.MaxValue).Build()),
            (Nullable("uint32", UInt32Type.Default), new UInt32Array.Builder().Append(0).AppendNull().Append(uint.MaxValue).Build()),
            (Nullable("uint64", UInt64Type.Default), new UInt64Array.Builder().Append(0).AppendNull().Append(ulong.MaxValue).Build()),
            (Nullable("float", FloatType.Default), new FloatArray.Builder().Append(1.5f).AppendNull().Append(float.MaxValue).Build()),
            (Nullable("double", DoubleType.Default), new DoubleArray.Builder().Append(Math.PI).AppendNull().Append(-0.25).Build()),
            (Nullable("string", StringType.Default), new StringArray.Builder().Append("héllo ✓").AppendNull().Append("").Build()),
            (Nullable("date", Date32Type.Default), new Date32Array(Values(19_000, 0, -1), Validity(true, false, true), 3, 1, 0)),
            (Nullable("utc", new TimestampType(TimeUnit.Microsecond, "UTC")),
                new TimestampArray(new TimestampType(TimeUnit.Microsecond, "UTC"), Values(Microseconds), Validity(true, false, true), 3, 1, 0)),
        };
        var schema = new Schema(columns.Select(c => c.Field), null);
        return new RecordBatch(schema, columns.Select(c => c.Array), 3);
    }

    /// <summary>One non-nullable int64 column <c>n</c> holding <paramref name="values"/>.</summary>
    public static RecordBatch Numbers(params long[] values)
    {
        var schema = new Schema([new Field("n", Int64Type.Default, nullable: false)], null);
        return new RecordBatch(schema, [new Int64Array.Builder().AppendRange(values).Build()], values.Length);
    }

    public static Field Nullable(string name, IArrowType type) => new(name, type, nullable: true);

    public static ArrowBuffer Values<T>(params T[] values) where T : struct => new ArrowBuffer.Builder<T>().Append(values).Build();

    public static ArrowBuffer Validity(params bool[] valid)
    {
        var builder = new ArrowBuffer.BitmapBuilder();
        foreach (bool bit in valid)
        {
            builder.Append(bit);
        }
        return builder.Build();
    }

    /// <summary>A column's cells across the batches of a table, as boxed values (null for null), for comparing.</summary>
    public static List<object?> Cells(Table table, string column)
    {
        var cells = new List<object?>();
        var data = table.Column(table.Schema.GetFieldIndex(column)).Data;
        for (int chunk = 0; chunk < data.ArrayCount; chunk++)
        {
            cells.AddRange(Cells(data.Array(chunk)));
        }
        return cells;
    }

    public static List<object?> Cells(IArrowArray array) => array switch
    {
        BooleanArray a => Each(a, i => a.GetValue(i)),
        StringArray a => Each(a, i => a.GetString(i)),
        Int8Array a => Each(a, i => a.Values[i]),
        Int16Array a => Each(a, i => a.Values[i]),
        Int32Array a => Each(a, i => a.Values[i]),
        Int64Array a => Each(a, i => a.Values[i]),
        UInt8Array a => Each(a, i => a.Values[i]),
        UInt16Array a => Each(a, i => a.Values[i]),
        UInt32Array a => Each(a, i => a.Values[i]),
        UInt64Array a => Each(a, i => a.Values[i]),
        FloatArray a => Each(a, i => a.Values[i]),
        DoubleArray a => Each(a, i => a.Values[i]),
        Date32Array a => Each(a, i => a.Values[i]),
        TimestampArray a => Each(a, i => a.Values[i]),
        _ => throw new NotSupportedException(array.GetType().Name),
    };

    private static List<object?> Each(IArrowArray array, Func<int, object?> cell) =>
        Enumerable.Range(0, array.Length).Select(i => array.IsNull(i) ? null : cell(i)).ToList();
}
