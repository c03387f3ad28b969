using Flyte.Devbox.Execution;
using Flyte.Devbox.Tests.EndToEnd;
using Flyte.Generation;
using Flyte.Images;
using Flyte.Remote;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Xunit.Abstractions;
using Task = System.Threading.Tasks.Task;

namespace Flyte.Devbox.Tests.Containers;

/// <summary>
/// Remote image builds end to end on the devbox: <see cref="RemoteImageBuilder"/> finds the devbox's own
/// system/build-image task, uploads the spec and context through DataProxy and runs the task, which builds on the real
/// Docker engine and pushes to the loopback registry; a deploy then runs a task in the image on the Docker launcher.
/// The apt package comes from a repository inside the base image (built here with dpkg-deb, listed by hand, named in
/// sources.list as a trusted file: source), so nothing is fetched from the network.
/// </summary>
[Collection(nameof(ContainerTestCollection))]
public sealed class RemoteImageBuildTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Repository = ContainerServices.Registry + "/flyte-devbox-tests/remote-built";

    private DevboxHarness _harness = null!;
    private FlyteRemote _remote = null!;
    private FileLock? _turn;
    private readonly HttpClient _http = new();
    private readonly string _project = Directory.CreateTempSubdirectory("flyte-remote-build-project-").FullName;
    private readonly LogLines _log = new(output);
    private readonly List<string> _built = [];

    public async Task InitializeAsync()
    {
        _turn = await ContainerServices.TakeTurnAsync();
        _harness = await DevboxHarness.StartAsync(configure: options => options with
        {
            Launcher = new DockerLauncher(new DockerLauncherOptions { DefaultImage = ContainerServices.BaseImage, SharedDirectories = [options.DataDirectory] }),
        });
        _remote = FlyteRemote.Connect(new RemoteOptions { Endpoint = _harness.Devbox.Endpoint, Project = DevboxHarness.Project, Domain = DevboxHarness.Domain });
    }

    public async Task DisposeAsync()
    {
        _remote?.Dispose();
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
        _http.Dispose();
        Directory.Delete(_project, recursive: true);
        foreach (string reference in _built)
        {
            Docker("image", "rm", "--force", reference);
        }
        _turn?.Dispose();
    }

    /// <summary>The base image with a local apt repository holding the package flyte-remote-test, and no other source.</summary>
    private async Task<string> BaseWithLocalAptRepositoryAsync()
    {
        var image = Image.FromBase(ContainerServices.BaseImage).WithCommands(
            "mkdir -p /tmp/pkg/DEBIAN /tmp/pkg/usr/share/flyte-remote-test /opt/flyte-apt",
            "printf 'Package: flyte-remote-test\\nVersion: 1.0\\nArchitecture: all\\nMaintainer: Flyte tests <tests@localhost>\\nDescription: a package from a local repository\\n' > /tmp/pkg/DEBIAN/control",
            "echo installed from the local repository > /tmp/pkg/usr/share/flyte-remote-test/marker",
            "dpkg-deb --build /tmp/pkg /opt/flyte-apt/flyte-remote-test_1.0_all.deb && rm -rf /tmp/pkg",
            "cd /opt/flyte-apt && f=flyte-remote-test_1.0_all.deb && (dpkg-deb -f $f; echo \"Filename: ./$f\"; echo \"Size: $(stat -c %s $f)\"; echo \"SHA256: $(sha256sum $f | cut -d' ' -f1)\"; echo) > Packages",
            "rm -f /etc/apt/sources.list.d/* && echo 'deb [trusted=yes] file:/opt/flyte-apt ./' > /etc/apt/sources.list");
        var request = new ImageBuildRequest(image, $"{ContainerServices.Registry}/flyte-devbox-tests/apt-base:{ImageTag.Compute(image, null, _project)}", null, _project);
        var outcome = await ContentTaggedPush.RunAsync(new RegistryClient(_http), new DockerImageBuilder(), request, _log, CancellationToken.None);
        return outcome.Image;
    }

    private static ChildProcess.Result Docker(params string[] arguments) =>
        ChildProcess.Run("docker", arguments, new Dictionary<string, string?>(), TimeSpan.FromMinutes(2));

    private ImageBuildRequest Request(Image image)
    {
        string reference = $"{Repository}:{ImageTag.Compute(image, null, _project)}";
        _built.Add(reference);
        return new ImageBuildRequest(image, reference, null, _project);
    }

    [Fact]
    public async Task An_image_with_an_apt_package_and_a_command_is_built_by_the_devbox_and_runs_a_deployed_task_and_is_not_built_again()
    {
        string baseImage = await BaseWithLocalAptRepositoryAsync();
        File.WriteAllText(Path.Combine(_project, "greeting.txt"), "copied through the build context\n");
        var image = Image.FromBase(baseImage)
            .WithAptPackages("flyte-remote-test")
            .WithCommands("echo built remotely > /etc/flyte-remote-built")
            .WithEnvironment("FLYTE_REMOTE_BUILT", "yes")
            // A content tag of its own: the registry outlives the test, and the first push must build.
            .WithEnvironment("FLYTE_TEST_RUN", Guid.NewGuid().ToString("N"))
            .WithFile("greeting.txt", "/opt/flyte/greeting.txt");
        var request = Request(image);
        var registry = new RegistryClient(_http);
        var builder = new RemoteImageBuilder(_remote);

        var first = await ContentTaggedPush.RunAsync(registry, builder, request, _log, CancellationToken.None);

        Assert.True(first.Built);
        Assert.Equal(request.Reference, first.Image);
        Assert.True(await registry.ExistsAsync(request.Reference));
        string log = _log.ToString();
        Assert.Contains("started build at ", log);
        Assert.Contains("RUNNING", log);
        Assert.Contains("RUN echo built remotely > /etc/flyte-remote-built", log);
        // The engine may take the package's step from its cache (an earlier run): the file in the image below shows it installed.
        Assert.Contains("apt-get install -y --no-install-recommends flyte-remote-test", log);
        // What the registry has, run as it is: the package's file, the command's, the variable and the copied file.
        Assert.Equal(0, Docker("image", "rm", request.Reference).ExitCode);
        var pull = Docker("pull", "--quiet", request.Reference);
        Assert.True(pull.ExitCode == 0, pull.Output);
        var run = ChildProcess.Run("docker", ["run", "--rm", "--network", "host", request.Reference, "sh", "-c",
            "cat /usr/share/flyte-remote-test/marker /etc/flyte-remote-built /opt/flyte/greeting.txt; printenv FLYTE_REMOTE_BUILT"],
            new Dictionary<string, string?>(), TimeSpan.FromMinutes(2));
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(["installed from the local repository", "built remotely", "copied through the build context", "yes"],
            run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

        // A deploy that resolved its tasks' image to the pushed one runs them in it, on the Docker launcher.
        _harness.TaskImage = first.Image;
        var tasks = await _harness.DeployAsync(SampleOutputs.Quickstart, "Quickstart", "quickstart.Square");
        var square = await _harness.StartRunAsync(tasks["quickstart.Square"], new LiteralMap { Literals = { ["x"] = ScalarLiterals.FromInt64(6) } });
        var details = await _harness.WaitAsync(square);
        Assert.True(details.Action.Status.Phase == ActionPhase.Succeeded, details.Action.ErrorInfo?.Message);
        Assert.Equal(36, (await _harness.OutputsAsync(square)).Literals["o0"].Scalar.Primitive.Integer);
        Assert.Contains($"in a container of {first.Image}", await File.ReadAllTextAsync(
            Path.Combine(_harness.DataDirectory, "logs", square.Project, square.Domain, square.Name, "a0", "0.log")));

        int buildRuns = await BuildRunCountAsync();
        var second = await ContentTaggedPush.RunAsync(registry, builder, request, _log, CancellationToken.None);

        Assert.False(second.Built);
        Assert.Equal(request.Reference, second.Image);
        Assert.Equal(buildRuns, await BuildRunCountAsync());
    }

    [Fact]
    public async Task A_failing_command_fails_the_remote_build_naming_the_step_and_its_last_line()
    {
        var image = Image.FromBase(ContainerServices.BaseImage)
            .WithEnvironment("FLYTE_TEST_RUN", Guid.NewGuid().ToString("N"))
            .WithCommands("echo this step is fine", "echo no space left for the model >&2; exit 3");
        var request = Request(image);

        var error = await Assert.ThrowsAsync<ImageBuildException>(() => new RemoteImageBuilder(_remote).BuildAndPushAsync(request, _log, CancellationToken.None));

        output.WriteLine(error.Message);
        Assert.StartsWith($"building {request.Reference} remotely failed (run ", error.Message);
        Assert.Contains("at Step 3/4 : RUN echo no space left for the model >&2; exit 3", error.Message);
        Assert.Contains("returned a non-zero code: 3", error.Message);
        Assert.Contains("its last line: no space left for the model", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.False(await new RegistryClient(_http).ExistsAsync(request.Reference));
    }

    [Fact]
    public async Task A_control_plane_without_the_builder_task_is_one_line_naming_the_task()
    {
        var builder = new RemoteImageBuilder(_remote, taskDomain: "staging");

        var error = await Assert.ThrowsAsync<ImageBuildException>(() => builder.BuildAndPushAsync(Request(Image.FromBase(ContainerServices.BaseImage)), _log, CancellationToken.None));

        Assert.Equal($"remote builder not available: no task system/build-image in domain staging at {_remote.Options.Endpoint}", error.Message);
    }

    /// <summary>The runs of the project: one more for every build-image run (or any other).</summary>
    private async Task<int> BuildRunCountAsync() => (await _remote.ListRunsAsync(limit: 100)).Count;

    /// <summary>The build's lines, kept and shown in the test's output.</summary>
    private sealed class LogLines(ITestOutputHelper output) : IProgress<string>
    {
        private readonly System.Text.StringBuilder _all = new();
        private readonly Lock _gate = new();

        public void Report(string value)
        {
            lock (_gate)
            {
                _all.Append(value).Append('\n');
            }
            output.WriteLine(value);
        }

        public override string ToString()
        {
            lock (_gate)
            {
                return _all.ToString();
            }
        }
    }
}
