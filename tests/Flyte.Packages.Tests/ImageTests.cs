using Flyte.Packages.Tests.Infrastructure;

namespace Flyte.Packages.Tests;

/// <summary>
/// The README's image flow in a project made from the template, with the feed's packages and the installed tool:
/// <c>dotnet publish -p:FlytePushImage=true</c> pushes the task image (daemonless) to the registry on loopback, then
/// <c>flyte deploy</c> takes the Release build it was pushed for, and <c>flyte run</c> runs the task in that image on a
/// devbox whose attempts are Docker containers.
/// </summary>
[Collection(PackageFeedCollection.Name)]
public sealed class ImageTests(PackageFeed feed) : IAsyncLifetime
{
    private static readonly TimeSpan DotnetBound = TimeSpan.FromMinutes(15);

    private FileLock? _turn;

    public async Task InitializeAsync() => _turn = await ContainerServices.TakeTurnAsync();

    public Task DisposeAsync()
    {
        _turn?.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_pushed_image_is_the_one_a_deploy_and_a_run_use()
    {
        var (reference, deploy) = await PushDeployAndRunSquareAsync();

        Assert.Contains("Deployed 2 tasks at version ", deploy);
        Assert.DoesNotContain($"at version {Tag(reference)}", deploy);
    }

    /// <summary>
    /// <c>-p:FlyteNativeA0=true</c> in a NuGet user's project: the native a0 is compiled from the sources the Flyte.Sdk
    /// package carries, the image holds the code, and a deploy ships no bundle: its version is the image's tag.
    /// </summary>
    [Fact]
    public async Task A_native_a0_from_the_package_carries_the_code_in_the_image()
    {
        var (reference, deploy) = await PushDeployAndRunSquareAsync("-p:FlyteNativeA0=true");

        Assert.Contains($"at version {Tag(reference)}", deploy);
    }

    /// <summary>
    /// Publishes the template's project with FlytePushImage (and <paramref name="publishProperties"/>), deploys it with
    /// the installed tool to a devbox whose attempts are containers, runs Square(7) and checks it ran in the pushed image.
    /// </summary>
    /// <returns>The pushed image and what <c>flyte deploy</c> printed.</returns>
    private async Task<(string Reference, string Deploy)> PushDeployAndRunSquareAsync(params string[] publishProperties)
    {
        using var user = new UserEnvironment();
        var project = UserProject.Create(feed, user, "MyPipeline");
        var flyte = InstalledTool.Install(feed, user);
        // A repository of its own in the shared registry, so no other run's image answers for this one.
        string repository = "packages-test-" + Guid.NewGuid().ToString("N")[..12];

        string publish = project.Dotnet(DotnetBound, ["publish", "MyPipeline", "-p:FlytePushImage=true",
            $"-p:FlyteImageRegistry={ContainerServices.Registry}", $"-p:FlyteImageRepository={repository}",
            $"-p:FlyteBaseImage={ContainerServices.BaseImage}", $"-p:FlyteCliCommand={flyte.Path}", .. publishProperties]);
        string reference = Assert.Single(publish.Split('\n').Select(line => line.Trim()),
            line => line.StartsWith($"pushed {ContainerServices.Registry}/{repository}:sha-", StringComparison.Ordinal))
            .Split(' ')[1];

        using var devbox = await flyte.StartDevboxAsync("--launcher", "docker", "--image", ContainerServices.BaseImage);
        string endpoint = devbox.ReadyLine.Groups["endpoint"].Value;
        string deploy = flyte.Run(project.Directory, "deploy", "MyPipeline", "--endpoint", endpoint);
        Assert.Contains($"Deploying the Release build: 'dotnet publish -p:FlytePushImage=true' pushed {reference} for it", deploy);

        string run = flyte.Run(project.Directory, "run", "MyPipeline", "my-pipeline.Square", "--x", "7", "--endpoint", endpoint, "--json");
        Assert.True(run.Contains("{\"o0\":49}", StringComparison.Ordinal), $"{run}\n--- devbox:\n{devbox.Output}");
        string logs = string.Concat(Directory.EnumerateFiles(Path.Combine(flyte.DevboxData, "logs"), "*.log", SearchOption.AllDirectories).Select(File.ReadAllText));
        Assert.Contains($"in a container of {reference}", logs);
        return (reference, deploy);
    }

    private static string Tag(string reference) => reference[(reference.LastIndexOf(':') + 1)..];
}
