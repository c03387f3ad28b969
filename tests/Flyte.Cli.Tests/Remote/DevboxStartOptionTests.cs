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
}
