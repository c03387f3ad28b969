using System.Text.RegularExpressions;
using Flyte.Cli.Tests.Infrastructure;
using Flyte.Images;
using Flyteidl2.Task;
using Grpc.Net.Client;
using Task = System.Threading.Tasks.Task;

namespace Flyte.Cli.Tests.Remote;

/// <summary>flyte deploy gives every task a real image: --image over image.default over the SDK's base image.</summary>
public sealed class DeployImageTests(DevboxFixture devbox) : IClassFixture<DevboxFixture>, IDisposable
{
    private readonly TemporaryDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task Without_an_image_configured_tasks_get_the_sdks_base_image()
    {
        var deploy = await devbox.RunAsync("deploy", TaskAssemblies.Quickstart, "--project", "image-sdk");

        Assert.True(deploy.ExitCode == 0, deploy.ToString());
        Assert.Equal(TaskImages.SdkDefault, await DeployedImageAsync("image-sdk", deploy.Out));
    }

    [Fact]
    public async Task The_image_option_sets_the_image_of_tasks_naming_none()
    {
        var deploy = await devbox.RunAsync("deploy", TaskAssemblies.Quickstart, "--project", "image-option", "--image", "registry.local/from-option:1");

        Assert.True(deploy.ExitCode == 0, deploy.ToString());
        Assert.Equal("registry.local/from-option:1", await DeployedImageAsync("image-option", deploy.Out));
    }

    [Fact]
    public async Task The_image_default_config_key_sets_it_and_the_option_wins_over_it()
    {
        string config = _scratch.Combine("config.yaml");
        string text = await File.ReadAllTextAsync(devbox.ConfigPath);
        Assert.Contains("  # default: ghcr.io/my-org/tasks:1", text);
        await File.WriteAllTextAsync(config, text.Replace("  # default: ghcr.io/my-org/tasks:1", "  default: registry.local/from-config:1", StringComparison.Ordinal));

        var fromConfig = await DevboxFixture.RunWithoutConfigAsync("deploy", TaskAssemblies.Quickstart, "--project", "image-config", "--config", config);
        var fromOption = await DevboxFixture.RunWithoutConfigAsync(
            "deploy", TaskAssemblies.Quickstart, "--project", "image-both", "--config", config, "--image", "registry.local/from-option:2");

        Assert.True(fromConfig.ExitCode == 0, fromConfig.ToString());
        Assert.Equal("registry.local/from-config:1", await DeployedImageAsync("image-config", fromConfig.Out));
        Assert.True(fromOption.ExitCode == 0, fromOption.ToString());
        Assert.Equal("registry.local/from-option:2", await DeployedImageAsync("image-both", fromOption.Out));
    }

    [Fact]
    public async Task An_empty_image_option_is_a_usage_error()
    {
        var deploy = await devbox.RunAsync("deploy", TaskAssemblies.Quickstart, "--image", " ");

        Assert.Equal(2, deploy.ExitCode);
        Assert.Contains("--image is empty", deploy.Error);
    }

    // The image of quickstart.Square as deployed, asking the devbox itself.
    private async Task<string> DeployedImageAsync(string project, string deployOutput)
    {
        string version = Regex.Match(deployOutput, @"^\s+quickstart\.Square\s+deployed\s+(?<version>\S+)$", RegexOptions.Multiline).Groups["version"].Value;
        Assert.False(string.IsNullOrEmpty(version), deployOutput);
        using var channel = GrpcChannel.ForAddress(devbox.Devbox.Endpoint);
        var tasks = new TaskService.TaskServiceClient(channel);
        var id = new TaskIdentifier { Project = project, Domain = "development", Name = "quickstart.Square", Version = version };
        var spec = (await tasks.GetTaskDetailsAsync(new GetTaskDetailsRequest { TaskId = id })).Details.Spec;
        Assert.Contains("--image-cache", spec.TaskTemplate.Container.Args);
        return spec.TaskTemplate.Container.Image;
    }
}
