using System.Text.RegularExpressions;
using Apache.Arrow;
using Apache.Arrow.Types;
using Flyte.Storage;
using Flyte.Tasks;
using Parquet;

namespace Flyte.Sdk.Tests.DataFrames;

/// <summary>Tables written and read back through the local store: every column type with nulls, and flyte-sdk's folder layout.</summary>
public sealed partial class DataFrameRoundTripTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("flyte-dataframes-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Folder(string name) => Path.Combine(_root, name);

    [Fact]
    public async Task Every_column_type_with_nulls_comes_back_as_written()
    {
        var batch = SampleTables.AllTypes();

        var frame = await DataFrame.WriteToAsync(Folder("all"), [batch]);
        Table back = await frame.ReadAllAsync();

        Assert.Equal(3, back.RowCount);
        Assert.Equal(batch.Schema.FieldsList.Select(f => (f.Name, f.DataType.TypeId, f.IsNullable)),
            back.Schema.FieldsList.Select(f => (f.Name, f.DataType.TypeId, f.IsNullable)));
        foreach (var field in batch.Schema.FieldsList)
        {
            Assert.Equal(SampleTables.Cells(batch.Column(field.Name)), SampleTables.Cells(back, field.Name));
        }
        var utc = (TimestampType)back.Schema.GetFieldByName("utc").DataType;
        Assert.Equal((TimeUnit.Microsecond, "UTC"), (utc.Unit, utc.Timezone));
    }

    [Fact]
    public async Task A_task_writes_one_snappy_parquet_file_named_00000_in_a_new_32_hex_folder_under_its_raw_data_prefix()
    {
        string prefix = Folder("raw");
        var context = new TaskContext("run", "a0", 0, Folder("out"), prefix);

        var frame = await DataFrame.WriteAsync(SampleTables.Numbers(1, 2, 3), context);

        Assert.Matches(FolderName(), Path.GetRelativePath(prefix, frame.Uri));
        Assert.Equal("parquet", frame.Format);
        Assert.Equal(["00000"], Directory.GetFiles(frame.Uri).Select(Path.GetFileName));
        await using var reader = await ParquetReader.CreateAsync(Path.Combine(frame.Uri, "00000"));
        var chunk = Assert.Single(Assert.Single(reader.Metadata!.RowGroups).Columns);
        Assert.Equal(Parquet.Meta.CompressionCodec.SNAPPY, chunk.MetaData!.Codec);
    }

    [Fact]
    public async Task Timestamps_are_stored_in_microseconds_as_instants_or_wall_clock_readings()
    {
        var nanos = new TimestampType(TimeUnit.Nanosecond, "UTC");
        var naive = new TimestampType(TimeUnit.Millisecond, (string?)null);
        var schema = new Schema([SampleTables.Nullable("instant", nanos), SampleTables.Nullable("local", naive)], null);
        var batch = new RecordBatch(schema, [
            new TimestampArray(nanos, SampleTables.Values(1_700_000_000_123_456_000L, -1_000L), ArrowBuffer.Empty, 2, 0, 0),
            new TimestampArray(naive, SampleTables.Values(1_700_000_000_123L, -5L), ArrowBuffer.Empty, 2, 0, 0),
        ], 2);

        var back = await (await DataFrame.WriteToAsync(Folder("times"), [batch])).ReadAllAsync();

        var instant = (TimestampType)back.Schema.GetFieldByName("instant").DataType;
        var local = (TimestampType)back.Schema.GetFieldByName("local").DataType;
        Assert.Equal((TimeUnit.Microsecond, "UTC"), (instant.Unit, instant.Timezone));
        Assert.Equal(TimeUnit.Microsecond, local.Unit);
        Assert.False(local.IsTimeZoneAware);
        Assert.Equal([1_700_000_000_123_456L, -1L], SampleTables.Cells(back, "instant"));
        Assert.Equal([1_700_000_000_123_000L, -5_000L], SampleTables.Cells(back, "local"));
    }

    [Fact]
    public async Task A_timestamp_finer_than_a_microsecond_is_refused_not_cut()
    {
        var nanos = new TimestampType(TimeUnit.Nanosecond, "UTC");
        var batch = new RecordBatch(new Schema([SampleTables.Nullable("t", nanos)], null),
            [new TimestampArray(nanos, SampleTables.Values(1L), ArrowBuffer.Empty, 1, 0, 0)], 1);

        var e = await Assert.ThrowsAsync<ArgumentException>(() => DataFrame.WriteToAsync(Folder("ns"), [batch]));
        Assert.Contains("Column 't'", e.Message);
    }

    [Fact]
    public async Task A_column_of_another_type_is_refused_by_name()
    {
        var schema = new Schema([SampleTables.Nullable("blob", BinaryType.Default)], null);
        var batch = new RecordBatch(schema, [new BinaryArray.Builder().Append((byte)1).Build()], 1);

        var e = await Assert.ThrowsAsync<NotSupportedException>(() => DataFrame.WriteToAsync(Folder("binary"), [batch]));
        Assert.Contains("Column 'blob'", e.Message);
    }

    [Fact]
    public async Task Several_batches_are_row_groups_read_back_as_batches()
    {
        var frame = await DataFrame.WriteToAsync(Folder("groups"), [SampleTables.Numbers(1, 2), SampleTables.Numbers(), SampleTables.Numbers(3)]);

        var lengths = new List<int>();
        await foreach (var batch in frame.ReadBatchesAsync())
        {
            lengths.Add(batch.Length);
        }

        // The empty batch writes no row group, as pyarrow writes none for an empty table.
        Assert.Equal([2, 1], lengths);
        Assert.Equal([1L, 2L, 3L], SampleTables.Cells(await frame.ReadAllAsync(), "n"));
    }

    [Fact]
    public async Task An_empty_table_keeps_its_columns()
    {
        var frame = await DataFrame.WriteToAsync(Folder("empty"), [SampleTables.Numbers()]);

        var back = await frame.ReadAllAsync();

        Assert.Equal(0, back.RowCount);
        Assert.Equal("n", Assert.Single(back.Schema.FieldsList).Name);
    }

    [Fact]
    public async Task Batches_of_different_schemas_are_refused()
    {
        var other = new RecordBatch(new Schema([SampleTables.Nullable("n", StringType.Default)], null), [new StringArray.Builder().Append("x").Build()], 1);

        await Assert.ThrowsAsync<ArgumentException>(() => DataFrame.WriteToAsync(Folder("mixed"), [SampleTables.Numbers(1), other]));
    }

    [Fact]
    public async Task A_folder_of_several_files_is_read_in_name_order_skipping_underscore_and_dot_files()
    {
        string folder = Folder("parts");
        await DataFrame.WriteToAsync(Path.Combine(folder, "b"), [SampleTables.Numbers(3)]);
        await DataFrame.WriteToAsync(Path.Combine(folder, "a"), [SampleTables.Numbers(1, 2)]);
        Directory.Move(Path.Combine(folder, "a"), Path.Combine(folder, "x"));
        File.Move(Path.Combine(folder, "x", "00000"), Path.Combine(folder, "00000"));
        File.Move(Path.Combine(folder, "b", "00000"), Path.Combine(folder, "00001"));
        // What Spark and Hadoop leave beside the data, and a half-written folder: none of it is data.
        await File.WriteAllTextAsync(Path.Combine(folder, "_SUCCESS"), "");
        await File.WriteAllTextAsync(Path.Combine(folder, ".00000.crc"), "not parquet");
        Directory.CreateDirectory(Path.Combine(folder, "_temporary"));
        await File.WriteAllTextAsync(Path.Combine(folder, "_temporary", "00002"), "not parquet");

        var back = await new DataFrame(folder).ReadAllAsync();

        Assert.Equal([1L, 2L, 3L], SampleTables.Cells(back, "n"));
    }

    [Fact]
    public async Task A_uri_naming_one_file_reads_that_file()
    {
        var written = await DataFrame.WriteToAsync(Folder("single"), [SampleTables.Numbers(7)]);

        var back = await new DataFrame(new Uri(Path.Combine(written.Uri, "00000")).AbsoluteUri).ReadAllAsync();

        Assert.Equal([7L], SampleTables.Cells(back, "n"));
    }

    [Fact]
    public async Task Nothing_at_the_uri_is_an_object_not_found()
    {
        await Assert.ThrowsAsync<ObjectNotFoundException>(() => new DataFrame(Folder("missing")).ReadAllAsync());
    }

    [Fact]
    public async Task Another_format_is_refused()
    {
        var e = await Assert.ThrowsAsync<NotSupportedException>(() => new DataFrame(Folder("csv"), "csv").ReadAllAsync());
        Assert.Contains("'csv'", e.Message);
    }

    [Fact]
    public async Task Columns_the_literal_names_are_the_columns_read()
    {
        var frame = await DataFrame.WriteToAsync(Folder("subset"), [SampleTables.AllTypes()]);
        var named = new Flyteidl2.Core.StructuredDatasetType { Columns = { Column("string", Flyte.Generation.LiteralTypes.String), Column("id", Flyte.Generation.LiteralTypes.Integer) } };
        var received = Flyte.Generation.StructuredDatasetLiterals.To(LiteralOf(frame.Uri, named));

        var back = await received.ReadAllAsync();

        Assert.Equal(["string", "id"], back.Schema.FieldsList.Select(f => f.Name));
    }

    [Fact]
    public async Task A_direct_call_outside_a_run_has_no_raw_data_prefix_to_write_under()
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => DataFrame.WriteAsync(SampleTables.Numbers(1), TaskContext.Detached));
        Assert.Contains("WriteToAsync", e.Message);
    }

    private static Flyteidl2.Core.StructuredDatasetType.Types.DatasetColumn Column(string name, Flyteidl2.Core.LiteralType type) => new() { Name = name, LiteralType = type };

    private static Flyteidl2.Core.Literal LiteralOf(string uri, Flyteidl2.Core.StructuredDatasetType type) => new()
    {
        Scalar = new Flyteidl2.Core.Scalar
        {
            StructuredDataset = new Flyteidl2.Core.StructuredDataset { Uri = uri, Metadata = new Flyteidl2.Core.StructuredDatasetMetadata { StructuredDatasetType = type } },
        },
    };

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex FolderName();
}
