using Flyte.Hashing;

namespace Flyte.Sdk.Tests.Hashing;

/// <summary>
/// Expected bytes: python3 with the msgpack package, running flyte-sdk's _canonical_msgpack_bytes
/// (packb(canonicalize(unpackb(data, strict_map_key=False))), map keys sorted by packb(key); data unchanged on error).
/// </summary>
public class MsgPackCanonicalTests
{
    [Theory]
    [InlineData("82a16201a16102", "82a16102a16201")] // map keys sorted
    [InlineData("82a2616101a16202", "82a16202a2616101")] // by packed bytes: "b" (a162) before "aa" (a26161)
    [InlineData("83a16101ff020103", "830103a16101ff02")] // mixed keys 1, "a", -1 by packed bytes
    [InlineData("9182a162c0a161c3", "9182a161c3a162c0")] // map inside an array
    [InlineData("81a17882a17a01a17902", "81a17882a17902a17a01")] // map inside a map value
    [InlineData("de0010a36b31350fa36b31340ea36b31330da36b31320ca36b31310ba36b31300aa36b303909a36b303808a36b303707a36b303606a36b303505a36b303404a36b303303a36b303202a36b303101a36b303000", "de0010a36b303000a36b303101a36b303202a36b303303a36b303404a36b303505a36b303606a36b303707a36b303808a36b303909a36b31300aa36b31310ba36b31320ca36b31330da36b31340ea36b31350f")] // map16
    [InlineData("cd0001", "01")] // uint16 1 -> positive fixint
    [InlineData("d1ff80", "d080")] // int16 -128 -> int8
    [InlineData("d2ffffff7f", "d1ff7f")] // int32 -129 -> int16
    [InlineData("ce00010000", "ce00010000")] // 65536 stays uint32
    [InlineData("d3ffffffff7fffffff", "d3ffffffff7fffffff")] // -2^31-1 stays int64
    [InlineData("cf8000000000000000", "cf8000000000000000")] // 2^63 stays uint64
    [InlineData("d07f", "7f")] // int8 127 -> positive fixint
    [InlineData("ca3fc00000", "cb3ff8000000000000")] // float32 -> float64
    [InlineData("ca7fc00000", "cb7ff8000000000000")] // float32 NaN -> float64 NaN
    [InlineData("da000161", "a161")] // str16 -> fixstr
    [InlineData("d90161", "a161")] // str8 -> fixstr
    [InlineData("d9206161616161616161616161616161616161616161616161616161616161616161", "d9206161616161616161616161616161616161616161616161616161616161616161")] // 32 chars stay str8
    [InlineData("c50002abcd", "c402abcd")] // bin16 -> bin8
    [InlineData("dc0003010203", "93010203")] // array16 -> fixarray
    [InlineData("de0001a16101", "81a16101")] // map16 -> fixmap
    [InlineData("c7010501", "9205c40101")] // ext value -> [code, bin]
    [InlineData("d40501", "9205c40101")] // fixext value -> [code, bin]
    [InlineData("d7ff0000000000000005", "d6ff00000005")] // timestamp64 without nanoseconds -> timestamp32
    [InlineData("c70cff00000000fffffffffffffffe", "c70cff00000000fffffffffffffffe")] // negative seconds stay timestamp96
    [InlineData("c70cff000000010000000000000005", "d7ff0000000400000005")] // small timestamp96 -> timestamp64
    [InlineData("83a16201a16102a16203", "82a16102a16203")] // duplicate key: one entry, last value
    [InlineData("8301a178c3a179cb3ff0000000000000a17a", "8101a17a")] // 1, True and 1.0 are one key
    [InlineData("82d4050101a16202", "82a16202d4050101")] // an ext key stays an ext
    [InlineData("82cb7ff800000000000001cb7ff800000000000002", "82cb7ff800000000000001cb7ff800000000000002")] // NaN keys stay apart
    [InlineData("8201a161d0ff02", "8201a161ff02")] // int keys 1 and -1
    [InlineData("c0", "c0")]
    [InlineData("c3", "c3")]
    public void Reencodes_as_msgpack_python_does(string input, string expected) =>
        Assert.Equal(expected, Hex(MsgPackCanonical.Canonicalize(Convert.FromHexString(input))));

    [Theory]
    [InlineData("82a16201a16102c0")] // trailing bytes
    [InlineData("82a16201a1ff02")] // invalid UTF-8 in a str
    [InlineData("82910101a16102")] // an array as a key
    [InlineData("d4fb01")] // negative ext code other than -1
    [InlineData("d7fffffffffc00000005")] // timestamp with nanoseconds >= 1e9
    [InlineData("d5ff0000")] // timestamp of 2 bytes
    [InlineData("82a162")] // truncated
    [InlineData("")]
    [InlineData("c1")] // never-used code
    public void Returns_what_python_cannot_decode_unchanged(string input) =>
        Assert.Equal(input, Hex(MsgPackCanonical.Canonicalize(Convert.FromHexString(input))));

    [Fact]
    public void Gives_up_beyond_packb_nesting_limit()
    {
        // A float32 changes when re-encoded, so an unchanged result means the data was given up on.
        static byte[] Nested(int depth) => [.. Enumerable.Repeat((byte)0x91, depth), 0xca, 0x3f, 0xc0, 0x00, 0x00];

        Assert.NotEqual(Nested(400), MsgPackCanonical.Canonicalize(Nested(400)));
        Assert.Equal(Nested(512), MsgPackCanonical.Canonicalize(Nested(512)));
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
