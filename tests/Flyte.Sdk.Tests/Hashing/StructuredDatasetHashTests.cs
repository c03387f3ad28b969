using Flyte.Hashing;
using Flyteidl2.Core;

namespace Flyte.Sdk.Tests.Hashing;

/// <summary>A table's literal counts in the inputs hash as any literal does: its bytes, or the hash it carries.</summary>
public class StructuredDatasetHashTests
{
    private static Literal Table() => new()
    {
        Scalar = new Scalar
        {
            StructuredDataset = new StructuredDataset
            {
                Uri = "s3://bucket/raw/0123456789abcdef0123456789abcdef",
                Metadata = new StructuredDatasetMetadata
                {
                    StructuredDatasetType = new StructuredDatasetType
                    {
                        Columns = { new StructuredDatasetType.Types.DatasetColumn { Name = "a", LiteralType = new LiteralType { Simple = SimpleType.Integer } } },
                        Format = "parquet",
                    },
                },
            },
        },
    };

    [Fact]
    public void Known_answer_for_a_structured_dataset_input()
    {
        // Reference: the literal encoded by hand (Literal.scalar 1 > Scalar.structured_dataset 8 > uri 1, metadata 2 >
        // structured_dataset_type 1 > columns 1 {name 1, literal_type 2 {simple 1 = INTEGER}}, format 2), then
        // base64(sha256(b"df:" + bytes + b";")) with python3's hashlib.
        Assert.Equal("0a4a42480a3073333a2f2f6275636b65742f7261772f303132333435363738396162636465663031323334353637383961626364656612140a120a070a016112020801120770617271756574",
            Convert.ToHexString(InputsHash.Repr(Table())).ToLowerInvariant());
        Assert.Equal("1UBGnVwJae+G2C/w0h1Jdfe63HzQ184feGbB7b79Q7o=", InputsHash.Compute([("df", Table())]));
    }

    [Fact]
    public void A_table_that_carries_a_hash_stands_for_it()
    {
        // flyte-sdk's hash_method: the literal's hash replaces its bytes, so the same content at another URI hashes the same.
        var moved = Table();
        moved.Scalar.StructuredDataset.Uri = "s3://elsewhere/copy";

        Assert.Equal("G0ksKwK54fZk1Fdon9LUepkvAW1D3Y4YyzN2gU4iEfQ=", InputsHash.Compute([("df", Table().WithHash("content-hash-1"))]));
        Assert.Equal(InputsHash.Compute([("df", Table().WithHash("content-hash-1"))]), InputsHash.Compute([("df", moved.WithHash("content-hash-1"))]));
    }
}
