using Flyte.Cli.Tests.Infrastructure;
using Flyte.Runtime.Configuration;
using Flyte.Remote.Auth;
using Flyte.Remote;

namespace Flyte.Cli.Tests.Config;

/// <summary>'flyte create config' writes the settings for a secured cluster, read back as the SDK and flyte-sdk read them.</summary>
public sealed class CreateConfigAuthTests : IDisposable
{
    private readonly TemporaryDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task Auth_tls_and_transport_settings_are_written_and_read_back()
    {
        string path = _scratch.Combine("config.yaml");
        string ca = _scratch.Combine("ca.pem");

        var result = await InProcessCli.RunAsync("create", "config", "--endpoint", "dns:///flyte.example.com", "--output", path,
            "--auth-type", "devicefLow", "--client-id", "my-cli", "--scopes", "all", "offline_access", "--audience", "urn:flyte",
            "--ca-cert", ca, "--transport", "grpc-web");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("(TLS, gRPC-Web, sign-in DeviceFlow)", result.Out);
        var admin = FlyteConfigLoader.Load(path, _scratch.Path, _ => null, homeDirectory: null).Config.Admin;
        Assert.Equal(AuthType.DeviceFlow, admin.AuthType);
        Assert.Equal("my-cli", admin.ClientId);
        Assert.Equal(["all", "offline_access"], admin.Scopes);
        Assert.Equal("urn:flyte", admin.Audience);
        Assert.Equal(ca, admin.CaCertFilePath);
        Assert.Equal(RemoteTransport.GrpcWeb, admin.Transport);
    }

    [Theory]
    [InlineData(new[] { "--auth-type", "ClientSecret" }, "--auth-type ClientSecret needs --client-id")]
    [InlineData(new[] { "--auth-type", "ClientSecret", "--client-id", "ci" }, "--auth-type ClientSecret needs --client-secret-env-var or --client-secret-location (the secret itself is never written to the file)")]
    [InlineData(new[] { "--auth-type", "ExternalCommand" }, "--auth-type ExternalCommand needs --auth-command <program> [--auth-command <argument> …]")]
    [InlineData(new[] { "--auth-type", "Kerberos" }, "--auth-type 'Kerberos' is not an auth type; give one of Pkce, DeviceFlow, ClientSecret, ExternalCommand, Passthrough")]
    [InlineData(new[] { "--transport", "http3" }, "--transport 'http3' is not a transport; give grpc or grpc-web")]
    public async Task Incomplete_auth_settings_are_one_line_and_exit_2_with_no_file_written(string[] options, string expected)
    {
        string path = _scratch.Combine("config.yaml");

        var result = await InProcessCli.RunAsync(["create", "config", "--endpoint", "dns:///flyte.example.com", "--output", path, .. options]);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal($"flyte: {expected}", result.Error.Trim());
        Assert.False(File.Exists(path));
    }
}
