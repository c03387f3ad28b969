using Flyte.Cli.Images;
using Flyte.Cli.Tests.Infrastructure;
using Flyte.Devbox;
using Flyte.Images;

namespace Flyte.Cli.Tests.Images;

/// <summary>
/// <c>flyte image push --builder remote</c> against a devbox, whose system/build-image task builds on the Docker engine
/// and pushes to the loopback registry: the image is built through the control plane and recorded for deploys, an
/// unchanged image is not built again (and no control plane is asked), and a control plane without the builder task is
/// one line naming the task it looked for.
/// </summary>
public sealed class RemotePushTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _scratch = new();
    private readonly string _repository = "remote-push-test-" + Guid.NewGuid().ToString("N")[..12];
    private DevboxServer _devbox = null!;
    private FileLock? _turn;

    public async Task InitializeAsync()
    {
        _turn = await ContainerServices.TakeTurnAsync();
        _devbox = await DevboxServer.StartAsync(new DevboxOptions { DataDirectory = _scratch.Combine("devbox"), Port = 0 });
    }

    public async Task DisposeAsync()
    {
        if (_devbox is not null)
        {
            await _devbox.DisposeAsync();
        }
        _scratch.Dispose();
        _turn?.Dispose();
    }

    private async Task<CliResult> PushAsync(string repository, IReadOnlyDictionary<string, string>? variables = null)
    {
        using var environment = new HermeticEnvironment(variables);
        return await InProcessCli.RunAsync(environment.Cli, TimeSpan.FromMinutes(10),
            "image", "push", TaskAssemblies.QuickstartProjectFolder, "--publish-dir", Path.GetDirectoryName(TaskAssemblies.Quickstart)!, "-c", "Debug",
            "--registry", ContainerServices.Registry, "--repository", repository, "--base", ContainerServices.BaseImage,
            "--builder", "remote", "--endpoint", _devbox.Endpoint, "--artifacts", _scratch.Combine("artifacts"));
    }

    [Fact]
    public async Task The_devbox_builds_and_pushes_the_image_which_is_recorded_and_not_built_again()
    {
        var first = await PushAsync(_repository);

        Assert.True(first.ExitCode == 0, first.ToString());
        string reference = PushedImageFile.Read(_scratch.Combine("artifacts"))!.Reference;
        Assert.StartsWith($"{ContainerServices.Registry}/{_repository}:sha-", reference);
        Assert.Contains($"building {reference} (remote) on {ContainerServices.BaseImage}", first.Out);
        Assert.Contains($"pushed {reference} in ", first.Out);
        Assert.Contains("started build at ", first.Error);
        Assert.Contains(": SUCCEEDED", first.Error);
        // The build's log, followed from the builder task's attempt: the code copied to /app, then pushed.
        Assert.True(first.Error.Contains("Step 2/3 : COPY ", StringComparison.Ordinal) && first.Error.Contains(" /app\n", StringComparison.Ordinal), first.ToString());
        Assert.Contains($"build-image: pushed {reference}", first.Error);
        using (var http = new HttpClient())
        {
            Assert.True(await new RegistryClient(http).ExistsAsync(reference));
        }

        var second = await PushAsync(_repository);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains($"unchanged: {reference} is in the registry already; nothing built or pushed", second.Out);
        Assert.DoesNotContain("started build", second.Error);
    }

    [Fact]
    public async Task Without_the_builder_task_the_push_fails_with_one_line_naming_it()
    {
        var result = await PushAsync(_repository + "-missing", new Dictionary<string, string> { [RemoteImageBuilder.TaskDomainVariable] = "staging" });

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith("flyte: remote builder not available: no task system/build-image in domain staging at ", result.Error);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
