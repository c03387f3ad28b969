using System.Security.Cryptography;
using System.Text;
using Flyte.Hashing;

namespace Flyte.Sdk.Tests.Hashing;

public class FlyteHashTests
{
    [Theory]
    // python3 -c 'import base64,hashlib; print(base64.b64encode(hashlib.sha256("hello".encode()).digest()).decode())'
    [InlineData("hello", "LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=")]
    [InlineData("", "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")]
    [InlineData("héllo ✓ 𝄞", "q6BWBnkGYdu9jdg5+3epquMdPxOPzCinWqFONcU25fA=")]
    public void Is_padded_standard_base64_of_sha256_of_utf8(string data, string expected)
    {
        Assert.Equal(expected, FlyteHash.Of(data));
        Assert.Equal(expected, FlyteHash.Of(Encoding.UTF8.GetBytes(data)));
    }

    [Fact]
    public void Hashes_raw_bytes_that_are_not_utf8()
    {
        byte[] data = [0xff, 0x00, 0xfe, 0x80];

        Assert.Equal(Convert.ToBase64String(SHA256.HashData(data)), FlyteHash.Of(data));
    }
}
