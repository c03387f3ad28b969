using Flyte.Cli.Tests.Infrastructure;

namespace Flyte.Cli.Tests.Remote;

/// <summary>`flyte devbox start` refuses a launcher it cannot build with one line that says what to give, before it listens.</summary>
public sealed class DevboxStartOptionTests
{
    private static Task<CliResult> StartAsync(params string[] options) =>
        DevboxFixture.RunWithoutConfigAsync(["devbox", "start", "--port", "0", "--data", Path.Combine(Path.GetTempPath(), "devbox-options-" + Guid.NewGuid().ToString("N")), .. options]);

    [Fact]
    public async Task The_docker_launcher_without_an_image_says_to_give_one()
    {
        var result = await StartAsync("--launcher", "docker");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--launcher docker needs --image <base image>", result.Error);
        Assert.DoesNotContain("listening", result.Out);
    }

    [Fact]
    public async Task An_unknown_launcher_is_named()
    {
        var result = await StartAsync("--launcher", "podman");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--launcher takes 'process' or 'docker', not 'podman'", result.Error);
    }

    [Fact]
    public async Task An_image_without_the_docker_launcher_is_refused()
    {
        var result = await StartAsync("--image", "127.0.0.1:5000/flyte-dotnet:10.0");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--image is for --launcher docker", result.Error);
    }

    [Fact]
    public async Task A_non_loopback_address_without_auth_says_to_add_it()
    {
        var result = await StartAsync("--address", "0.0.0.0");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--address 0.0.0.0 shares the devbox beyond this machine: add --auth <issuer URL>", result.Error);
        Assert.DoesNotContain("listening", result.Out);
    }

    [Fact]
    public async Task An_address_that_is_not_one_is_named()
    {
        var result = await StartAsync("--address", "devbox.example");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--address takes an IP address", result.Error);
    }

    [Fact]
    public async Task An_unreachable_issuer_fails_the_start_in_one_line()
    {
        int closedPort = ClosedLoopbackPort();

        var result = await StartAsync("--auth", $"http://127.0.0.1:{closedPort}");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"the issuer http://127.0.0.1:{closedPort} cannot be reached", result.Error);
        Assert.Single(result.Error.Trim().Split('\n'));
        Assert.DoesNotContain("listening", result.Out);
    }

    [Fact]
    public async Task An_http_issuer_off_loopback_is_refused_before_any_request()
    {
        var result = await StartAsync("--auth", "http://issuer.example/");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is http:// on a host that is not loopback", result.Error);
    }

    [Fact]
    public async Task Auth_settings_without_auth_are_refused()
    {
        var result = await StartAsync("--audience", "urn:flyte");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("are settings of --auth <issuer URL>", result.Error);
    }

    private static int ClosedLoopbackPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
