using System.Text.Json;
using Apache.Arrow;
using Apache.Arrow.Types;
using Flyte.Generation;
using Flyte.Sdk.Tests.Tasks;
using Flyte.Tasks;
using Flyteidl2.Core;

namespace Flyte.Sdk.Tests.DataFrames;

/// <summary>
/// Our Parquet against an independent implementation (arrow-rs's, through parquet-wasm; see <see cref="ParquetInterop"/>):
/// each reads what the other writes, and a C# task takes a table as flyte-sdk hands one over and hands back one it can read.
/// </summary>
public sealed class ParquetInteropTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("flyte-parquet-interop-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>A folder as flyte-sdk's Parquet encoder leaves one: <c>&lt;prefix&gt;/&lt;32 hex&gt;/00000</c>, written by the independent writer.</summary>
    private async Task<string> FolderWrittenElsewhereAsync()
    {
        string folder = Path.Combine(_root, "python-raw", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        await ParquetInterop.WriteReferenceAsync(Path.Combine(folder, "00000"));
        return folder;
    }

    [Fact]
    public async Task We_read_a_snappy_file_the_independent_writer_wrote()
    {
        var table = await new DataFrame(await FolderWrittenElsewhereAsync()).ReadAllAsync();

        Assert.Equal(3, table.RowCount);
        Assert.Equal([1, -2, null], SampleTables.Cells(table, "int32"));
        Assert.Equal([9_007_199_254_740_993L, null, -3L], SampleTables.Cells(table, "int64"));
        Assert.Equal([1.5, null, -0.25], SampleTables.Cells(table, "float64"));
        Assert.Equal([null, 2.5f, 3f], SampleTables.Cells(table, "float32"));
        Assert.Equal([true, false, null], SampleTables.Cells(table, "bool"));
        Assert.Equal(["héllo", null, ""], SampleTables.Cells(table, "text"));
        Assert.Equal([1_700_000_000_123_456L, 0L, null], SampleTables.Cells(table, "when"));
        Assert.Equal([19_000, null, 0], SampleTables.Cells(table, "day"));
        var when = (TimestampType)table.Schema.GetFieldByName("when").DataType;
        Assert.Equal(TimeUnit.Microsecond, when.Unit);
        Assert.True(when.IsTimeZoneAware);
        Assert.IsType<Date32Type>(table.Schema.GetFieldByName("day").DataType);
    }

    [Fact]
    public async Task The_independent_reader_reads_every_column_type_we_write_and_sees_snappy()
    {
        var frame = await DataFrame.WriteToAsync(Path.Combine(_root, "ours"), [SampleTables.AllTypes()]);

        var file = await ParquetInterop.ReadAsync(Path.Combine(frame.Uri, "00000"));

        Assert.Equal(["SNAPPY"], file.GetProperty("codecs").EnumerateArray().Select(codec => codec.GetString()));
        Assert.Equal(3, file.GetProperty("rows").GetInt32());
        Assert.False(ParquetInterop.Column(file, "id").GetProperty("nullable").GetBoolean());
        Assert.True(ParquetInterop.Column(file, "int32").GetProperty("nullable").GetBoolean());
        Assert.Equal(["1", "2", "3"], ParquetInterop.Values(file, "id"));
        Assert.Equal(["true", null, "false"], ParquetInterop.Values(file, "bool"));
        Assert.Equal(["-128", null, "127"], ParquetInterop.Values(file, "int8"));
        Assert.Equal(["-32768", null, "32767"], ParquetInterop.Values(file, "int16"));
        Assert.Equal(["-2147483648", null, "2147483647"], ParquetInterop.Values(file, "int32"));
        Assert.Equal(["-9223372036854775808", null, "9223372036854775807"], ParquetInterop.Values(file, "int64"));
        Assert.Equal(["0", null, "255"], ParquetInterop.Values(file, "uint8"));
        Assert.Equal(["0", null, "65535"], ParquetInterop.Values(file, "uint16"));
        Assert.Equal(["0", null, "4294967295"], ParquetInterop.Values(file, "uint32"));
        Assert.Equal(["0", null, "18446744073709551615"], ParquetInterop.Values(file, "uint64"));
        Assert.Equal([1.5, (double)float.MaxValue], Numbers(file, "float"));
        Assert.Equal([Math.PI, -0.25], Numbers(file, "double"));
        Assert.Equal(["héllo ✓", null, ""], ParquetInterop.Values(file, "string"));
        Assert.Equal(["19000", null, "-1"], ParquetInterop.Values(file, "date"));
        Assert.Equal(["1700000000123456", null, "-1"], ParquetInterop.Values(file, "utc"));
        Assert.StartsWith("Timestamp<MICROSECOND, ", ParquetInterop.Column(file, "utc").GetProperty("type").GetString());
        Assert.Equal("Date32<DAY>", ParquetInterop.Column(file, "date").GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_csharp_task_takes_a_table_as_flyte_sdk_hands_it_over_and_hands_back_one_the_other_side_reads()
    {
        // What a Python task's DataFrame output is: the folder, format "parquet", the declared columns (none).
        var fromPython = new Literal
        {
            Scalar = new Scalar
            {
                StructuredDataset = new StructuredDataset
                {
                    Uri = await FolderWrittenElsewhereAsync(),
                    Metadata = new StructuredDatasetMetadata { StructuredDatasetType = new StructuredDatasetType { Format = "parquet" } },
                },
            },
        };
        var task = Tables.FlyteTasks.Doubled;
        string rawData = Path.Combine(_root, "csharp-raw");
        var context = new TaskContext("run", "a1", 0, Path.Combine(_root, "out"), rawData);

        var outputs = await task.InvokeAsync(new LiteralMap { Literals = { ["table"] = fromPython } }, context, default);

        var toPython = outputs.Literals["o0"].Scalar.StructuredDataset;
        Assert.Equal("parquet", toPython.Metadata.StructuredDatasetType.Format);
        Assert.Empty(toPython.Metadata.StructuredDatasetType.Columns);
        Assert.Equal(rawData, Path.GetDirectoryName(toPython.Uri));
        var file = await ParquetInterop.ReadAsync(Path.Combine(toPython.Uri, "00000"));
        Assert.Equal(["3", null, "-0.5"], ParquetInterop.Values(file, "value"));
        Assert.Equal(["row", "missing", "row"], ParquetInterop.Values(file, "label"));
    }

    private static List<double> Numbers(JsonElement file, string column) =>
        ParquetInterop.Column(file, column).GetProperty("values").EnumerateArray()
            .Where(value => value.ValueKind != JsonValueKind.Null).Select(value => value.GetDouble()).ToList();
}
