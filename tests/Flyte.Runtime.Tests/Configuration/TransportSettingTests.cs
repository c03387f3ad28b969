using Flyte.Runtime.Configuration;
using Flyte.Remote;

namespace Flyte.Runtime.Tests.Configuration;

public sealed class TransportSettingTests : IDisposable
{
    private readonly ConfigWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Theory]
    [InlineData("grpc", RemoteTransport.Grpc)]
    [InlineData("grpc-web", RemoteTransport.GrpcWeb)]
    [InlineData("GRPC_WEB", RemoteTransport.GrpcWeb)]
    public void Admin_transport_names_the_transport(string value, RemoteTransport expected)
    {
        string path = _workspace.Write("c.yaml", $"admin:\n  endpoint: dns:///flyte.example.com\n  transport: {value}\n");

        Assert.Equal(expected, _workspace.Load(path).Config.Admin.Transport);
    }

    [Fact]
    public void Without_the_key_it_is_grpc_and_the_environment_can_set_it()
    {
        string path = _workspace.Write("c.yaml", "admin:\n  endpoint: dns:///flyte.example.com\n");
        Assert.Equal(RemoteTransport.Grpc, _workspace.Load(path).Config.Admin.Transport);

        _workspace.Environment["FLYTE_ADMIN_TRANSPORT"] = "grpc-web";
        Assert.Equal(RemoteTransport.GrpcWeb, _workspace.Load(path).Config.Admin.Transport);
    }

    [Fact]
    public void An_unknown_transport_is_one_error_naming_the_choices()
    {
        string path = _workspace.Write("c.yaml", "admin:\n  transport: http3\n");

        var error = Assert.Throws<FlyteConfigException>(() => _workspace.Load(path));

        Assert.Contains("'http3', not a transport; use grpc (HTTP/2, the default) or grpc-web", error.Message);
    }
}
