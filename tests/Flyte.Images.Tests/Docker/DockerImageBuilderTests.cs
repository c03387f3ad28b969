using System.Net;
using System.Net.Sockets;
using Flyte.Images.Tests.Containers;
using Xunit.Abstractions;

namespace Flyte.Images.Tests.Docker;

/// <summary>
/// The Docker builder on the real engine and the loopback registry: an image with a command, an environment variable, a
/// file and an app is built, pushed, pulled back and run; a failing command and a failing push fail with one clear message.
/// </summary>
public sealed class DockerImageBuilderTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Repository = RegistryApi.TestRepository + "/docker-builder";

    private readonly TestDirectory _project = new();
    private readonly List<string> _pushed = [];
    private readonly Lines _log = new();
    private FileLock? _turn;

    public async Task InitializeAsync()
    {
        _turn = await ContainerServices.TakeTurnAsync();
        var engine = Docker("version", "--format", "{{.Server.Version}}");
        Assert.True(engine.ExitCode == 0, $"the Docker engine at /var/run/docker.sock does not answer ({engine.Output.Trim()}): start it with `sudo bash tools/containers/start.sh`");
        _project.Write("data/config.txt", "config from the project");
        // A new app file each run: a new tag, so that what the registry has was pushed by this run.
        _project.Write("publish/hello.txt", $"hello from the app {Guid.NewGuid():N}");
    }

    public async Task DisposeAsync()
    {
        output.WriteLine(_log.ToString());
        foreach (string reference in _pushed)
        {
            await RegistryApi.DeleteAsync(reference);
            ChildProcess.Run("docker", ["image", "rm", "--force", reference], new Dictionary<string, string?>(), TimeSpan.FromMinutes(1));
        }
        _project.Dispose();
        _turn?.Dispose();
    }

    private sealed class Lines : IProgress<string>
    {
        private readonly List<string> _all = [];

        public void Report(string value)
        {
            lock (_all)
            {
                _all.Add(value);
            }
        }

        public override string ToString()
        {
            lock (_all)
            {
                return string.Join('\n', _all);
            }
        }
    }

    private ImageBuildRequest Request(Image image, string repository = Repository)
    {
        string appDirectory = _project.Combine("publish");
        string reference = $"{repository}:{ImageTag.Compute(image, appDirectory, _project.Path)}";
        _pushed.Add(reference);
        return new ImageBuildRequest(image, reference, appDirectory, _project.Path);
    }

    private static ChildProcess.Result Docker(params string[] arguments) =>
        ChildProcess.Run("docker", arguments, new Dictionary<string, string?>(), TimeSpan.FromMinutes(2));

    [Fact]
    public async Task An_image_with_a_command_an_environment_variable_a_file_and_an_app_is_built_pushed_and_runs_as_described()
    {
        const string tricky = "say \"hi\" to C:\\temp and $HOME";
        var image = Image.FromBase(ContainerServices.BaseImage)
            .WithCommands("echo from a command > /etc/flyte-test")
            .WithEnvironment("FLYTE_TEST_VALUE", tricky)
            .WithFile("data/config.txt", "/opt/flyte/config.txt");
        var request = Request(image);

        await new DockerImageBuilder().BuildAndPushAsync(request, _log, CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, await RegistryApi.GetManifestStatusAsync(request.Reference));
        Assert.Contains("Step 2/", _log.ToString());
        Assert.Contains("RUN echo from a command > /etc/flyte-test", _log.ToString());
        // Run what the registry has, not what the build left in the engine.
        Assert.Equal(0, Docker("image", "rm", request.Reference).ExitCode);
        var pull = Docker("pull", "--quiet", request.Reference);
        Assert.True(pull.ExitCode == 0, pull.Output);
        var run = Docker("run", "--rm", "--network", "host", request.Reference,
            "sh", "-c", "cat /etc/flyte-test /app/hello.txt; echo; cat /opt/flyte/config.txt; echo; printenv FLYTE_TEST_VALUE; pwd");
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(
            ["from a command", File.ReadAllText(_project.Combine("publish/hello.txt")), "config from the project", tricky, "/app"],
            run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task A_failing_command_fails_the_build_with_a_message_naming_the_step_and_the_engines_error()
    {
        var image = Image.FromBase(ContainerServices.BaseImage).WithCommands("echo fine", "false");
        var request = Request(image);

        var error = await Assert.ThrowsAsync<ImageBuildException>(() => new DockerImageBuilder().BuildAndPushAsync(request, _log, CancellationToken.None));

        output.WriteLine(error.Message);
        Assert.StartsWith($"building {request.Reference} failed at Step 3/", error.Message);
        Assert.Contains("RUN false", error.Message);
        Assert.Contains("returned a non-zero code: 1", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(HttpStatusCode.NotFound, await RegistryApi.GetManifestStatusAsync(request.Reference));
    }

    [Fact]
    public async Task A_push_to_a_registry_that_does_not_answer_fails_with_the_engines_reason()
    {
        int closedPort = ClosedPort();
        var image = Image.FromBase(ContainerServices.BaseImage).WithEnvironment("PUSH_TEST", "1");
        var request = Request(image, $"127.0.0.1:{closedPort}/flyte-images-tests/nowhere");

        var error = await Assert.ThrowsAsync<ImageBuildException>(() => new DockerImageBuilder(credentials: DockerConfigCredentials.None)
            .BuildAndPushAsync(request, _log, CancellationToken.None));

        output.WriteLine(error.Message);
        Assert.StartsWith($"pushing {request.Reference} failed: ", error.Message);
        Assert.Contains("connection refused", error.Message); // the engine's own words
        Assert.DoesNotContain("docker login", error.Message); // not a credentials problem
        _pushed.Remove(request.Reference);
        Docker("image", "rm", "--force", request.Reference);
    }

    [Fact]
    public async Task No_engine_at_the_address_fails_with_the_address_and_what_to_do()
    {
        var request = new ImageBuildRequest(Image.FromBase(ContainerServices.BaseImage), $"{Repository}:never", null, _project.Path);

        var error = await Assert.ThrowsAsync<ImageBuildException>(() => new DockerImageBuilder(new Uri("unix:///tmp/flyte-no-docker-here.sock"), DockerConfigCredentials.None)
            .BuildAndPushAsync(request, _log, CancellationToken.None));

        output.WriteLine(error.Message);
        Assert.StartsWith("no Docker engine answers at unix:///tmp/flyte-no-docker-here.sock", error.Message);
        Assert.Contains("DOCKER_HOST", error.Message);
    }

    /// <summary>A loopback port nothing listens on (taken from the OS, then released).</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
