using Flyte.Generation;
using System.Diagnostics;
using Flyte.Cli.Images;
using Flyte.Cli.Loading;
using Flyte.Devbox;
using Flyte.Devbox.Execution;
using Flyte.Images;
using Flyte.Remote;
using Flyte.Cli.Tests.Infrastructure;
using Flyteidl2.Core;

namespace Flyte.Cli.Tests.Images;

/// <summary>
/// `dotnet publish -p:FlytePushImage=true` against a real registry on loopback: the sample's image is built (daemonless,
/// the .NET SDK's container publishing) and pushed once; an unchanged second publish pushes nothing; the reference lands
/// in the build's artifacts, a deploy of that build puts it in the task specs, and a devbox with the Docker launcher
/// runs the task in it. With a native a0 (the tasks compiled in) the image carries the code and a deploy ships no bundle.
/// The tests of this class run one after another: both publish the same sample.
/// </summary>
public sealed class PushImageTests : IAsyncLifetime
{
    private static readonly string QuickstartProject = Path.Combine(RepositoryPaths.Root, "samples", "Quickstart", "Quickstart.csproj");
    // Published in the tests' own Release folder, which the native a0 tests of Flyte.Runtime.Tests share.
    private static readonly string QuickstartRelease = TestBuilds.Output(TestBuilds.Release, "Quickstart", "Release");

    // Its own repository per test run, so that the first publish always has something to push.
    private readonly string _repository = "quickstart-test-" + Guid.NewGuid().ToString("N")[..12];
    private readonly TemporaryDirectory _devboxData = new();
    private FileLock? _turn;

    public async Task InitializeAsync() => _turn = await ContainerServices.TakeTurnAsync();

    public Task DisposeAsync()
    {
        _devboxData.Dispose();
        _turn?.Dispose();
        return Task.CompletedTask;
    }

    private async Task<(int ExitCode, string Output, TimeSpan Elapsed)> PublishAsync(params string[] extra)
    {
        var clock = Stopwatch.StartNew();
        var result = await TestBuilds.DotnetAsync(TestBuilds.Release,
            ["publish", QuickstartProject, "-c", "Release", "-nologo", "-nodeReuse:false",
             "-p:FlytePushImage=true", $"-p:FlyteImageRegistry={ContainerServices.Registry}", $"-p:FlyteImageRepository={_repository}",
             $"-p:FlyteBaseImage={ContainerServices.BaseImage}", $"-p:FlyteCliCommand=dotnet exec {SampleOutputs.FlyteCli}", .. extra],
            TimeSpan.FromMinutes(15));
        return (result.ExitCode, result.Output, clock.Elapsed);
    }

    [Fact]
    public async Task A_publish_pushes_the_image_once_and_a_deploy_runs_the_tasks_in_it()
    {
        var first = await PublishAsync();
        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Contains($"pushed {ContainerServices.Registry}/{_repository}:sha-", first.Output);
        string reference = PushedImageFile.ReadForBuild(QuickstartRelease)!.Reference;
        Assert.StartsWith($"{ContainerServices.Registry}/{_repository}:sha-", reference);
        using (var http = new HttpClient())
        {
            Assert.True(await new RegistryClient(http).ExistsAsync(reference));
        }

        var second = await PublishAsync();
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Contains($"unchanged: {reference} is in the registry already", second.Output);
        Assert.DoesNotContain("pushed ", second.Output);
        Console.WriteLine($"publish with FlytePushImage: first {first.Elapsed.TotalSeconds:F1} s (built and pushed), unchanged {second.Elapsed.TotalSeconds:F1} s");

        var deployment = await DeployAndRunSquareInContainersAsync(reference);
        Assert.NotNull(deployment.CodeBundleUri);
    }

    [Fact]
    public async Task With_a_native_a0_the_image_carries_the_code_and_a_deploy_ships_no_bundle()
    {
        var first = await PublishAsync("-p:FlyteNativeA0=true");
        Assert.True(first.ExitCode == 0, first.Output);
        var pushed = PushedImageFile.ReadForBuild(QuickstartRelease)!;
        Assert.True(pushed.CodeInImage);
        Assert.Contains($"pushed {pushed.Reference}", first.Output);

        var second = await PublishAsync("-p:FlyteNativeA0=true");
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Contains($"unchanged: {pushed.Reference}", second.Output);
        Console.WriteLine($"publish with FlytePushImage and FlyteNativeA0: first {first.Elapsed.TotalSeconds:F1} s, unchanged {second.Elapsed.TotalSeconds:F1} s");

        var deployment = await DeployAndRunSquareInContainersAsync(pushed.Reference);
        Assert.Null(deployment.CodeBundleUri);
        Assert.Equal(ImageReference.Split(pushed.Reference).Tag, deployment.Version);
    }

    /// <summary>Deploys Square from the Release build to a devbox whose attempts are containers, runs it with 7, and checks it ran in <paramref name="reference"/>.</summary>
    private async Task<Deployment> DeployAndRunSquareInContainersAsync(string reference)
    {
        await using var devbox = await DevboxServer.StartAsync(new DevboxOptions
        {
            DataDirectory = _devboxData.Path,
            Port = 0,
            Launcher = new DockerLauncher(new DockerLauncherOptions { DefaultImage = ContainerServices.BaseImage, SharedDirectories = [_devboxData.Path] }),
        });
        using var remote = FlyteRemote.Connect(new RemoteOptions { Endpoint = devbox.Endpoint });
        var square = TaskAssembly.Load(Path.Combine(QuickstartRelease, "Quickstart.dll")).Tasks.Single(t => t.Name == "quickstart.Square");
        var deployment = await remote.DeployAsync(QuickstartRelease, [square], PushedImageFile.ReadForBuild(QuickstartRelease));

        var run = await remote.RunAsync(square, new LiteralMap { Literals = { ["x"] = ScalarLiterals.FromInt64(7) } }, outputs => outputs.Literals["o0"].Scalar.Primitive.Integer);
        Assert.Equal(49, await run.GetOutputAsync());
        string log = await File.ReadAllTextAsync(Path.Combine(_devboxData.Path, "logs", "flytesnacks", "development", run.Name, "a0", "0.log"));
        Assert.Contains($"in a container of {reference}", log);
        return deployment;
    }
}
