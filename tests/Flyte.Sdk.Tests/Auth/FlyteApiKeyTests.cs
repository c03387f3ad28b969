using System.Text;
using Flyte.Remote.Auth;

namespace Flyte.Sdk.Tests.Auth;

public class FlyteApiKeyTests
{
    private static string Encode(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void A_key_in_flyte_sdks_form_reads_as_flyte_sdk_reads_it()
    {
        // flyte-sdk: base64 of endpoint:client_id:client_secret:org (remote/_client/auth/_auth_utils.py).
        var key = FlyteApiKey.Parse(Encode("tenant.example.com:my-app:s3cr3t:my-org"));

        Assert.Equal(new FlyteApiKey("tenant.example.com", "my-app", "s3cr3t", "my-org"), key);
    }

    [Fact]
    public void An_endpoint_with_a_scheme_and_port_keeps_its_colons()
    {
        var key = FlyteApiKey.Parse(Encode("http://127.0.0.1:8090:flyte-ci:flyte-ci-secret:None"));

        Assert.Equal("http://127.0.0.1:8090", key.Endpoint);
        Assert.Equal("flyte-ci", key.ClientId);
        Assert.Equal("flyte-ci-secret", key.ClientSecret);
        Assert.Null(key.Org);
    }

    [Fact]
    public void Encoding_and_parsing_round_trip_with_an_empty_org_written_as_None()
    {
        var key = new FlyteApiKey("dns:///flyte.example.com", "id", "secret", null);

        string encoded = key.Encode();

        Assert.Equal("dns:///flyte.example.com:id:secret:None", Encoding.UTF8.GetString(Convert.FromBase64String(encoded)));
        Assert.Equal(key, FlyteApiKey.Parse(encoded));
    }

    [Theory]
    [InlineData("not base64 at all!", "not base64")]
    [InlineData("aG9zdDppZDpzZWNyZXQ=", "four parts")] // host:id:secret
    public void A_malformed_key_is_one_clear_error(string encoded, string expected)
    {
        var error = Assert.Throws<FormatException>(() => FlyteApiKey.Parse(encoded));

        Assert.Contains(expected, error.Message);
        Assert.Contains("endpoint:client_id:client_secret:org", error.Message);
    }
}
