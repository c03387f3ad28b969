using Flyte.Runtime.Configuration;

namespace Flyte.Runtime.Tests.Configuration;

public sealed class FlyteEndpointTests
{
    [Theory]
    [InlineData("dns:///flyte.example.com:443", false, "https://flyte.example.com:443")]
    [InlineData("dns:///localhost:8090", true, "http://localhost:8090")]
    [InlineData("localhost:8090", true, "http://localhost:8090")]
    [InlineData("flyte.example.com", false, "https://flyte.example.com")]
    [InlineData("https://flyte.example.com/", false, "https://flyte.example.com")]
    [InlineData("https://flyte.example.com:8443", true, "http://flyte.example.com:8443")]
    [InlineData("http://127.0.0.1:8090", false, "http://127.0.0.1:8090")]
    [InlineData("HTTP://127.0.0.1:8090", false, "http://127.0.0.1:8090")]
    [InlineData("[::1]:8090", true, "http://[::1]:8090")]
    public void Each_form_becomes_a_grpc_address(string endpoint, bool insecure, string address) =>
        Assert.Equal(address, FlyteEndpoint.ToGrpcAddress(endpoint, insecure));

    [Theory]
    [InlineData("grpc://host:8090", "only dns:///host:port")]
    [InlineData("host:8090/path", "not a host with an optional port")]
    [InlineData("dns:///", "not a host with an optional port")]
    [InlineData("host:port", "not a host with an optional port")]
    [InlineData("host:", "not a host with an optional port")]
    [InlineData("user@host:1", "not a host with an optional port")]
    [InlineData("  ", "empty")]
    public void Other_forms_are_refused_with_the_accepted_ones_named(string endpoint, string problem)
    {
        Assert.Contains(problem, FlyteEndpoint.Problem(endpoint));
        var error = Assert.Throws<FlyteConfigException>(() => FlyteEndpoint.ToGrpcAddress(endpoint, insecure: false));
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void The_admin_section_gives_its_address_or_says_how_to_configure_one()
    {
        Assert.Equal("http://localhost:8090", new AdminConfig { Endpoint = "localhost:8090", Insecure = true }.GrpcAddress());

        var error = Assert.Throws<FlyteConfigException>(() => new AdminConfig().GrpcAddress());

        Assert.Contains("flyte create config --endpoint", error.Message);
        Assert.Contains("FLYTE_ADMIN_ENDPOINT", error.Message);
    }
}
