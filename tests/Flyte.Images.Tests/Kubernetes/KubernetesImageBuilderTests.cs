using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using Flyte.Storage;
using k8s.Models;
using Xunit.Abstractions;

namespace Flyte.Images.Tests.Kubernetes;

/// <summary>
/// The Kubernetes builder's whole conversation, with a real S3 server (s3rver) for the build context and a scripted
/// stand-in for the API server (<see cref="FakeKubernetesApi"/>): what is uploaded, the pod it creates, the log it
/// streams, how it reads the end of the pod, and that it deletes the pod and the context. Kaniko itself never runs here.
/// </summary>
public sealed class KubernetesImageBuilderTests(S3rverFixture s3, ITestOutputHelper output) : IClassFixture<S3rverFixture>, IDisposable
{
    private const string Reference = "registry.example.com/team/app:sha-0123456789abcdef0123456789abcdef";

    private readonly TestDirectory _project = CreateProject();
    private readonly Lines _log = new();

    private string Prefix => $"s3://{S3rverFixture.Bucket}/flyte-image-contexts";

    public void Dispose()
    {
        output.WriteLine(_log.ToString());
        _project.Dispose();
    }

    private static TestDirectory CreateProject()
    {
        var project = new TestDirectory();
        project.Write("data/config.txt", "config");
        project.Write("publish/App.dll", "code");
        return project;
    }

    private sealed class Lines : IProgress<string>
    {
        private readonly List<string> _all = [];

        public IReadOnlyList<string> All
        {
            get
            {
                lock (_all)
                {
                    return [.. _all];
                }
            }
        }

        public void Report(string value)
        {
            lock (_all)
            {
                _all.Add(value);
            }
        }

        public override string ToString() => string.Join('\n', All);
    }

    private ImageBuildRequest Request() => new(
        Image.FromBase("registry.example.com/flyte-dotnet:10.0").WithCommands("echo hi > /etc/flyte-test").WithFile("data/config.txt", "/etc/config.txt"),
        Reference, _project.Combine("publish"), _project.Path);

    private KubernetesImageBuilder Builder(FakeKubernetesApi api) => new(
        new KubernetesImageBuilderOptions
        {
            ContextPrefix = Prefix,
            Storage = s3.Options,
            Namespace = "builds",
            ServiceAccount = "image-builder",
            PollInterval = TimeSpan.FromMilliseconds(50),
            Timeout = TimeSpan.FromSeconds(30),
        },
        api.Configuration);

    private static V1ContainerState Terminated(int exitCode, string message) =>
        new() { Terminated = new V1ContainerStateTerminated { ExitCode = exitCode, Message = message, Reason = exitCode == 0 ? "Completed" : "Error" } };

    private async Task<List<string>> RemainingContextsAsync()
    {
        using var store = ObjectStores.For(Prefix, s3.Options);
        var found = new List<string>();
        await foreach (string uri in store.ListAsync(Prefix))
        {
            found.Add(uri);
        }
        return found;
    }

    [Fact]
    public async Task A_successful_build_uploads_the_context_runs_the_pod_streams_its_log_and_cleans_up()
    {
        Dictionary<string, string>? contextFiles = null;
        string? contextUri = null;
        using var api = new FakeKubernetesApi
        {
            States =
            [
                FakeKubernetesApi.Phase("Pending"),
                FakeKubernetesApi.Phase("Pending", new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "ContainerCreating" } }),
                FakeKubernetesApi.Phase("Running", new V1ContainerState { Running = new V1ContainerStateRunning() }),
                FakeKubernetesApi.Phase("Succeeded", Terminated(0, "sha256:feedbeef")),
            ],
            Log = "INFO Retrieving image manifest registry.example.com/flyte-dotnet:10.0\nINFO RUN echo hi > /etc/flyte-test\nINFO Pushing image to " + Reference + "\n",
            OnCreate = async pod =>
            {
                contextUri = pod.Metadata.Annotations[KanikoPod.ContextAnnotation];
                contextFiles = await ReadContextAsync(contextUri);
            },
        };

        await Builder(api).BuildAndPushAsync(Request(), _log, CancellationToken.None);

        Assert.NotNull(contextUri);
        Assert.Matches($"^{Prefix}/sha-0123456789abcdef0123456789abcdef-[0-9a-f]{{12}}\\.tar\\.gz$", contextUri);
        Assert.NotNull(contextFiles);
        Assert.Equal(["Dockerfile", "app/App.dll", "files/0/config.txt"], contextFiles.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(ImageBuildContext.Dockerfile(Request().Image, withApp: true), contextFiles["Dockerfile"]);
        Assert.Equal("code", contextFiles["app/App.dll"]);

        var created = api.Created!;
        Assert.Equal("builds", created.Metadata.NamespaceProperty);
        Assert.Equal("image-builder", created.Spec.ServiceAccountName);
        var kaniko = Assert.Single(created.Spec.Containers);
        Assert.Contains($"--context={contextUri}", kaniko.Args);
        Assert.Contains($"--destination={Reference}", kaniko.Args);
        Assert.Contains(kaniko.Env, variable => variable.Name == "S3_ENDPOINT" && variable.Value == s3.Endpoint);
        Assert.Contains(kaniko.Env, variable => variable.Name == "S3_FORCE_PATH_STYLE" && variable.Value == "true");

        string name = created.Metadata.Name;
        Assert.Contains($"POST /api/v1/namespaces/builds/pods", api.Requests);
        Assert.Contains(api.Requests, request => request.StartsWith($"GET /api/v1/namespaces/builds/pods/{name}/log?", StringComparison.Ordinal) && request.Contains("follow=true") && request.Contains("container=kaniko"));
        Assert.Equal($"DELETE /api/v1/namespaces/builds/pods/{name}", api.Requests.Last().Split('?')[0]);
        Assert.Empty(await RemainingContextsAsync());

        var lines = _log.All;
        Assert.Contains($"building {Reference} in the pod builds/{name} ({KubernetesImageBuilderOptions.DefaultKanikoImage})", lines);
        Assert.Contains($"pod builds/{name}: Pending (ContainerCreating)", lines);
        Assert.Contains($"INFO Pushing image to {Reference}", lines);
        Assert.Equal($"pushed {Reference} (sha256:feedbeef)", lines[^1]);
    }

    [Fact]
    public async Task A_failed_build_fails_with_the_pods_termination_message_and_still_cleans_up()
    {
        using var api = new FakeKubernetesApi
        {
            States =
            [
                FakeKubernetesApi.Phase("Running", new V1ContainerState { Running = new V1ContainerStateRunning() }),
                FakeKubernetesApi.Phase("Failed", Terminated(1, "error building image: error building stage: failed to execute command: waiting for process to exit: exit status 1\n")),
            ],
            Log = "INFO RUN false\nerror building image: error building stage: failed to execute command: waiting for process to exit: exit status 1\n",
        };

        var error = await Assert.ThrowsAsync<ImageBuildException>(() => Builder(api).BuildAndPushAsync(Request(), _log, CancellationToken.None));

        string name = api.Created!.Metadata.Name;
        Assert.Equal(
            $"the build pod builds/{name} for {Reference} failed (exit code 1): error building image: error building stage: failed to execute command: waiting for process to exit: exit status 1",
            error.Message);
        Assert.Contains("INFO RUN false", _log.All);
        Assert.StartsWith("DELETE ", api.Requests.Last(), StringComparison.Ordinal);
        Assert.Empty(await RemainingContextsAsync());
    }

    [Fact]
    public async Task A_pod_that_cannot_pull_Kaniko_fails_at_once_with_the_reason_and_is_deleted()
    {
        using var api = new FakeKubernetesApi
        {
            States =
            [
                FakeKubernetesApi.Phase("Pending", new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "ImagePullBackOff", Message = "Back-off pulling image \"gcr.io/kaniko-project/executor:v1.24.0\"" } }),
            ],
        };

        var error = await Assert.ThrowsAsync<ImageBuildException>(() => Builder(api).BuildAndPushAsync(Request(), _log, CancellationToken.None));

        Assert.Contains("cannot start Kaniko: ImagePullBackOff: Back-off pulling image", error.Message);
        Assert.StartsWith("DELETE ", api.Requests.Last(), StringComparison.Ordinal);
        Assert.DoesNotContain(api.Requests, request => request.Contains("/log", StringComparison.Ordinal));
        Assert.Empty(await RemainingContextsAsync());
    }

    [Fact]
    public async Task A_refused_create_fails_with_the_API_servers_message_and_deletes_the_context()
    {
        using var api = new FakeKubernetesApi
        {
            RefuseCreate = (HttpStatusCode.Forbidden, "pods is forbidden: User \"dev\" cannot create resource \"pods\" in the namespace \"builds\""),
        };

        var error = await Assert.ThrowsAsync<ImageBuildException>(() => Builder(api).BuildAndPushAsync(Request(), _log, CancellationToken.None));

        Assert.Equal(
            $"could not create the build pod for {Reference} in the namespace builds: 403 pods is forbidden: User \"dev\" cannot create resource \"pods\" in the namespace \"builds\"",
            error.Message);
        Assert.Empty(await RemainingContextsAsync());
    }

    [Fact]
    public async Task A_build_that_outlives_the_timeout_fails_and_the_pod_is_deleted()
    {
        using var api = new FakeKubernetesApi { States = [FakeKubernetesApi.Phase("Pending")] };
        var builder = new KubernetesImageBuilder(
            new KubernetesImageBuilderOptions { ContextPrefix = Prefix, Storage = s3.Options, PollInterval = TimeSpan.FromMilliseconds(50), Timeout = TimeSpan.FromMilliseconds(300) },
            api.Configuration);

        var error = await Assert.ThrowsAsync<ImageBuildException>(() => builder.BuildAndPushAsync(Request(), _log, CancellationToken.None));

        Assert.Contains("did not finish in 00:00:00.3000000: still Pending", error.Message);
        Assert.StartsWith("DELETE /api/v1/namespaces/default/pods/", api.Requests.Last(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("file:///tmp/contexts")]
    [InlineData("s3://")]
    [InlineData("builds/contexts")]
    public void A_context_prefix_Kaniko_cannot_read_is_refused(string prefix)
    {
        var error = Assert.Throws<ImageBuildException>(() => KubernetesImageBuilder.ContextUri(prefix, "sha-1"));

        Assert.Contains("s3://bucket[/path] or gs://bucket[/path]", error.Message);
    }

    [Fact]
    public void Kaniko_gets_the_region_and_endpoint_this_machine_uploads_with_unless_the_options_name_them()
    {
        var environment = new Dictionary<string, string> { ["AWS_DEFAULT_REGION"] = "eu-north-1", ["AWS_ENDPOINT_URL"] = "http://minio:9000" };
        var fromEnvironment = KubernetesImageBuilder.WithEnvironmentDefaults(new KubernetesImageBuilderOptions { ContextPrefix = "s3://b" }, name => environment.GetValueOrDefault(name));
        var named = KubernetesImageBuilder.WithEnvironmentDefaults(
            new KubernetesImageBuilderOptions { ContextPrefix = "s3://b", S3Region = "us-west-2", S3Endpoint = "https://s3.cluster" }, name => environment.GetValueOrDefault(name));

        Assert.Equal(("eu-north-1", "http://minio:9000"), (fromEnvironment.S3Region, fromEnvironment.S3Endpoint));
        Assert.Equal(("us-west-2", "https://s3.cluster"), (named.S3Region, named.S3Endpoint));
    }

    /// <summary>The uploaded .tar.gz, unpacked: each file's name and text.</summary>
    private async Task<Dictionary<string, string>> ReadContextAsync(string uri)
    {
        using var store = ObjectStores.For(uri, s3.Options);
        await using var stream = await store.OpenReadAsync(uri);
        await using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        var files = new Dictionary<string, string>();
        while (await reader.GetNextEntryAsync(copyData: true) is { } entry)
        {
            if (entry.EntryType == TarEntryType.RegularFile)
            {
                files[entry.Name] = await new StreamReader(entry.DataStream!).ReadToEndAsync();
            }
        }
        return files;
    }
}
