using Flyte.Hashing;
using Flyteidl2.Core;
using Flyteidl2.Task;

namespace Flyte.Sdk.Tests.Hashing;

public class InputsHashTests
{
    [Fact]
    public void Known_answer_for_two_scalars()
    {
        Assert.Equal(Reference.InputsXY, InputsHash.Compute([("x", Lit.Int(42)), ("y", Lit.Str("hi"))]));
    }

    [Fact]
    public void Input_order_matters()
    {
        // Reference: the same inputs listed y first.
        Assert.Equal("QNTgX5I7EYYpxK6zxihDbA8lvyff7wUis6SK//RXTRU=", InputsHash.Compute([("y", Lit.Str("hi")), ("x", Lit.Int(42))]));
    }

    [Fact]
    public void Task_inputs_hash_like_the_named_pairs_and_ignore_context()
    {
        var inputs = new Inputs
        {
            Literals = { new NamedLiteral { Name = "x", Value = Lit.Int(42) }, new NamedLiteral { Name = "y", Value = Lit.Str("hi") } },
            Context = { new Flyteidl2.Core.KeyValuePair { Key = "trace", Value = "1" } },
        };

        Assert.Equal(Reference.InputsXY, InputsHash.Compute(inputs));
    }

    [Fact]
    public void No_inputs_hash_to_empty()
    {
        Assert.Equal("", InputsHash.Compute([]));
        Assert.Equal("", InputsHash.Compute(new Inputs()));
    }

    [Fact]
    public void Map_repr_is_sorted_keys_each_followed_by_its_value()
    {
        var built = Lit.Map(("b", Lit.Int(2)), ("a", Lit.Int(1)), ("ab", Lit.Int(3)));
        var reordered = Lit.Map(("ab", Lit.Int(3)), ("b", Lit.Int(2)), ("a", Lit.Int(1)));

        // Reference: "a" + bytes(int 1) + "ab" + bytes(int 3) + "b" + bytes(int 2) (Python sorted(): prefix first).
        Assert.Equal("610a040a02080161620a040a020803620a040a020802", Hex(InputsHash.Repr(built)));
        Assert.Equal("Auh/7fD1PTYJpyotSdopcGo4/DxPgDLQr/fujfwzgNk=", InputsHash.Compute([("m", built)]));
        Assert.Equal(InputsHash.Compute([("m", built)]), InputsHash.Compute([("m", reordered)]));
    }

    [Fact]
    public void Map_keys_sort_by_code_point_not_utf16_unit()
    {
        // U+FF61 sorts before U+1F600 by code point; by UTF-16 unit the surrogate 0xD83D would come first.
        var map = Lit.Map(("\U0001F600", Lit.Int(1)), ("\uFF61", Lit.Int(2)));

        // Reference: utf8("\uff61") + bytes(int 2) + utf8("\U0001F600") + bytes(int 1).
        Assert.Equal("efbda10a040a020802f09f98800a040a020801", Hex(InputsHash.Repr(map)));
        Assert.Equal("eQaLCtQLzF2jMZHHsxfO10g5GoXhT1alIrWk3+lQEu8=", InputsHash.Compute([("m", map)]));
    }

    [Fact]
    public void A_literal_hash_stands_for_the_literal_at_any_depth()
    {
        var list = Lit.List(Lit.Int(1), Lit.Int(2).WithHash("h1"), Lit.Int(3));

        // Reference: bytes(int 1) + "h1" + bytes(int 3), no separators.
        Assert.Equal("0a040a02080168310a040a020803", Hex(InputsHash.Repr(list)));
        Assert.Equal("YZ1TfTWiJWO4iUswrLDn26f1Zt1zCyT8KaDvm44mIk8=", InputsHash.Compute([("c", list)]));
        Assert.Equal(
            InputsHash.Compute([("f", Lit.Str("s3://a/file").WithHash("content-hash"))]),
            InputsHash.Compute([("f", Lit.Str("s3://b/copy").WithHash("content-hash"))]));
    }

    [Fact]
    public void Msgpack_maps_hash_the_same_whatever_their_key_order()
    {
        var unsorted = Lit.Binary("82a16201a16102", "msgpack"); // {"b": 1, "a": 2}
        var sorted = Lit.Binary("82a16102a16201", "msgpack"); // {"a": 2, "b": 1}

        // Reference: the literal serialized with the canonical msgpack value.
        Assert.Equal("MAzwcE5AmRFPmfBiKsNEq6ubRD9wvWF/4dY+X597mcM=", InputsHash.Compute([("r", unsorted)]));
        Assert.Equal("MAzwcE5AmRFPmfBiKsNEq6ubRD9wvWF/4dY+X597mcM=", InputsHash.Compute([("r", sorted)]));
        Assert.Equal("82a16201a16102", Hex(unsorted.Scalar.Binary.Value.ToByteArray())); // the input is left alone
    }

    [Fact]
    public void Binaries_not_tagged_msgpack_are_hashed_as_they_are()
    {
        // Reference: the literal's own bytes.
        Assert.Equal("AOZ44PRCI78prSAXHUQEIZzkihoB/dOAJy+SepmQQeo=", InputsHash.Compute([("r", Lit.Binary("82a16201a16102", "other"))]));
    }

    [Fact]
    public void Literal_metadata_is_hashed_in_deterministic_order()
    {
        var literal = Lit.Int(7).WithMetadata(("b", "2"), ("a", "1"), ("ab", ""));

        Assert.Equal("xNy9Lc099Uyeo1CXWjCaYTwQZeU7gO0KFopQdn3Ddx4=", InputsHash.Compute([("v", literal)]));
    }

    [Fact]
    public void Ignored_inputs_are_left_out()
    {
        (string, Literal)[] inputs = [("x", Lit.Int(42)), ("seed", Lit.Int(7)), ("y", Lit.Str("hi"))];

        Assert.Equal(Reference.InputsXY, InputsHash.ComputeFiltered(inputs, ["seed"]));
        Assert.NotEqual(Reference.InputsXY, InputsHash.Compute(inputs));
        Assert.Equal("", InputsHash.ComputeFiltered(inputs, ["x", "y", "seed"]));

        var taskInputs = new Inputs { Literals = { inputs.Select(i => new NamedLiteral { Name = i.Item1, Value = i.Item2 }) } };
        Assert.Equal(Reference.InputsXY, InputsHash.ComputeFiltered(taskInputs, ["seed"]));
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
