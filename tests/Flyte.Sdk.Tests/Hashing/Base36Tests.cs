using System.Security.Cryptography;
using System.Text;
using Flyte.Hashing;

namespace Flyte.Sdk.Tests.Hashing;

public class Base36Tests
{
    [Theory]
    [InlineData("", "0")]
    [InlineData("00000000000000000000000000000000", "0")]
    [InlineData("23", "z")]
    [InlineData("24", "10")]
    [InlineData("000024", "10")]
    // python3: 2**64-1 in base36
    [InlineData("ffffffffffffffff", "3w5e11264sgsf")]
    // python3: 2**128-1 (the largest MD5 digest) and 2**128, one byte longer, in base36
    [InlineData("ffffffffffffffffffffffffffffffff", "f5lxx1zz5pnorynqglhzmsp33")]
    [InlineData("0100000000000000000000000000000000", "f5lxx1zz5pnorynqglhzmsp34")]
    [InlineData("0000000000000000000000000000000000", "0")]
    public void Encodes_big_endian_unsigned_numbers(string hex, string expected) =>
        Assert.Equal(expected, Base36.Encode(Convert.FromHexString(hex)));

    [Fact]
    public void Encodes_an_md5_digest_as_flyte_sdk_does()
    {
        var digest = MD5.HashData(Encoding.UTF8.GetBytes("flyte"));

        // python3: d = hashlib.md5(b"flyte").digest() -> 1156859140cb7ab24fa85c0359df5b82,
        // int.from_bytes(d, "big") = 23046122526791447243832826989786389378 -> base36 by repeated divmod
        Assert.Equal("1156859140cb7ab24fa85c0359df5b82", Convert.ToHexString(digest).ToLowerInvariant());
        Assert.Equal("10ya21d5qztj98qibixwnceiq", Base36.Encode(digest));
    }
}
