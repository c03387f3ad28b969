using Flyte.Generation;
using Flyte.Sdk.Tests.Tasks;
using Flyte.Tasks;
using Flyteidl2.Core;
using Google.Protobuf;

namespace Flyte.Sdk.Tests.DataFrames;

/// <summary>
/// A DataFrame's literal type and literals, field by field as flyte-sdk writes them (src/flyte/io/_dataframe/dataframe.py:
/// <c>get_literal_type</c>, <c>to_literal</c>, and the Parquet encoders of basic_dfs.py).
/// </summary>
public sealed class StructuredDatasetLiteralTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("flyte-dataframe-literals-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static LiteralType Variable(VariableMap variables, string name) => variables.Variables.Single(v => v.Key == name).Value.Type;

    [Fact]
    public void The_declared_type_is_a_structured_dataset_of_no_columns_and_no_format_without_a_tag()
    {
        var input = Variable(Tables.FlyteTasks.Sum.Interface.Inputs, "table");
        var output = Variable(Tables.FlyteTasks.Squares.Interface.Outputs, "o0");

        foreach (var type in new[] { input, output })
        {
            Assert.Equal(LiteralType.TypeOneofCase.StructuredDatasetType, type.TypeCase);
            Assert.Empty(type.StructuredDatasetType.Columns);
            Assert.Equal("", type.StructuredDatasetType.Format);
            Assert.Equal("", type.StructuredDatasetType.ExternalSchemaType);
            Assert.True(type.StructuredDatasetType.ExternalSchemaBytes.IsEmpty);
            Assert.Null(type.Structure);
            Assert.Null(type.Metadata);
            Assert.Equal(new LiteralType { StructuredDatasetType = new StructuredDatasetType() }, type);
        }
    }

    [Fact]
    public void An_optional_table_is_a_union_with_the_transformer_tag()
    {
        var union = Variable(Echo.FlyteTasks.OptionalTable.Interface.Inputs, "v").UnionType;

        Assert.Equal("DataFrame Transformer", union.Variants[0].Structure.Tag);
        Assert.Equal(LiteralType.TypeOneofCase.StructuredDatasetType, union.Variants[0].TypeCase);
        Assert.Equal("none", union.Variants[1].Structure.Tag);
    }

    [Fact]
    public async Task A_written_table_is_a_parquet_structured_dataset_at_its_folder_with_the_declared_columns()
    {
        var task = Tables.FlyteTasks.Squares;
        var context = new TaskContext("run", "a0", 0, Path.Combine(_root, "out"), Path.Combine(_root, "raw"));

        var outputs = await task.InvokeAsync(task.EncodeInputs(3), context, default);

        var literal = outputs.Literals["o0"];
        Assert.Equal(Literal.ValueOneofCase.Scalar, literal.ValueCase);
        Assert.Equal(Scalar.ValueOneofCase.StructuredDataset, literal.Scalar.ValueCase);
        var dataset = literal.Scalar.StructuredDataset;
        Assert.Equal(Path.Combine(_root, "raw"), Path.GetDirectoryName(dataset.Uri));
        Assert.True(File.Exists(Path.Combine(dataset.Uri, "00000")));
        var type = dataset.Metadata.StructuredDatasetType;
        Assert.Empty(type.Columns);
        Assert.Equal("parquet", type.Format);
        Assert.Equal("", type.ExternalSchemaType);
        Assert.True(type.ExternalSchemaBytes.IsEmpty);
        Assert.Equal("", literal.Hash);
        Assert.Empty(literal.Metadata);
    }

    [Fact]
    public void A_table_made_from_a_uri_is_that_uri_with_its_format()
    {
        var expected = new Literal
        {
            Scalar = new Scalar
            {
                StructuredDataset = new StructuredDataset
                {
                    Uri = "s3://bucket/data",
                    Metadata = new StructuredDatasetMetadata { StructuredDatasetType = new StructuredDatasetType { Format = "parquet" } },
                },
            },
        };

        Assert.Equal(expected, StructuredDatasetLiterals.From(new DataFrame("s3://bucket/data")));
        Assert.Equal("", StructuredDatasetLiterals.From(new DataFrame("s3://bucket/data", "")).Scalar.StructuredDataset.Metadata.StructuredDatasetType.Format);
    }

    [Fact]
    public async Task An_input_returned_unchanged_is_its_literal_unchanged()
    {
        var received = new Literal
        {
            Scalar = new Scalar
            {
                StructuredDataset = new StructuredDataset
                {
                    Uri = "s3://bucket/from-python",
                    Metadata = new StructuredDatasetMetadata
                    {
                        StructuredDatasetType = new StructuredDatasetType
                        {
                            Columns = { new StructuredDatasetType.Types.DatasetColumn { Name = "a", LiteralType = LiteralTypes.Integer } },
                            Format = "",
                            ExternalSchemaType = "arrow",
                            ExternalSchemaBytes = ByteString.CopyFromUtf8("a: int64"),
                        },
                    },
                },
            },
            Hash = "content-hash",
        };
        var task = Tables.FlyteTasks.PassThrough;
        var inputs = new LiteralMap { Literals = { ["table"] = received } };

        var outputs = await task.InvokeAsync(inputs, TaskContext.Detached, default);

        Assert.Equal(received, outputs.Literals["o0"]);
        var frame = task.DecodeOutputs(outputs);
        Assert.Equal(("s3://bucket/from-python", "", "content-hash"), (frame.Uri, frame.Format, frame.Hash));
        Assert.Equal([new DataFrameColumn("a", LiteralTypes.Integer)], frame.Columns);
    }

    [Fact]
    public async Task A_table_survives_the_trip_through_literals_and_bytes()
    {
        var frame = new DataFrame("s3://bucket/data") { Hash = "h" };

        { var t = Echo.FlyteTasks.Table; Assert.Equal(frame, await WireRoundTrip.Run(t, t.EncodeInputs(frame), t.DecodeOutputs)); }
        { var t = Echo.FlyteTasks.OptionalTable; Assert.Null(await WireRoundTrip.Run(t, t.EncodeInputs(null), t.DecodeOutputs)); }
        { var t = Echo.FlyteTasks.OptionalTable; Assert.Equal(frame, await WireRoundTrip.Run(t, t.EncodeInputs(frame), t.DecodeOutputs)); }
    }

    [Fact]
    public void Another_literal_is_refused_with_what_it_is()
    {
        var e = Assert.Throws<LiteralConversionException>(() => StructuredDatasetLiterals.To(BlobLiterals.FromFile(new FlyteFile("s3://b/f"))));
        Assert.Contains("a blob", e.Message);
    }
}
