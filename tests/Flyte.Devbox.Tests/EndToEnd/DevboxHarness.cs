using System.Net.Http.Headers;
using Flyte.Bundles;
using Flyte.Devbox.Storage;
using Flyte.Local;
using Flyte.Tasks;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Dataproxy;
using Flyteidl2.Task;
using Task = System.Threading.Tasks.Task;
using Flyteidl2.Workflow;
using Google.Protobuf;
using Grpc.Net.Client;

namespace Flyte.Devbox.Tests.EndToEnd;

/// <summary>
/// A devbox on a free loopback port with its data in a temporary folder, gRPC clients for it, and the steps of the
/// remote path: deploy a sample's tasks from a code bundle, start a run, watch it to its end, read its outputs.
/// </summary>
internal sealed class DevboxHarness : IAsyncDisposable
{
    public const string Project = "flytesnacks";
    public const string Domain = "development";

    private readonly Func<DevboxOptions, DevboxOptions>? _configure;
    private readonly string? _bearerToken;
    private GrpcChannel _channel = null!;

    private DevboxHarness(string dataDirectory, Func<DevboxOptions, DevboxOptions>? configure, string? bearerToken)
    {
        DataDirectory = dataDirectory;
        _configure = configure;
        _bearerToken = bearerToken;
    }

    public string DataDirectory { get; }

    public DevboxServer Devbox { get; private set; } = null!;

    public TaskService.TaskServiceClient Tasks { get; private set; } = null!;

    public RunService.RunServiceClient Runs { get; private set; } = null!;

    public DataProxyService.DataProxyServiceClient DataProxy { get; private set; } = null!;

    public Flyteidl2.Secret.SecretService.SecretServiceClient Secrets { get; private set; } = null!;

    /// <param name="configure">Changes the devbox's options (S3 storage, …) before each start.</param>
    /// <param name="bearerToken">Sent with every call of the harness's clients, for a devbox with authentication.</param>
    public static async Task<DevboxHarness> StartAsync(string? dataDirectory = null, int? maxConcurrentActions = null, Func<DevboxOptions, DevboxOptions>? configure = null,
        string? bearerToken = null)
    {
        var harness = new DevboxHarness(dataDirectory ?? Directory.CreateTempSubdirectory("devbox-tests-").FullName, configure, bearerToken);
        await harness.StartDevboxAsync(maxConcurrentActions);
        return harness;
    }

    /// <summary>The image <see cref="DeployAsync"/> gives the tasks that name none; null for the SDK's base image.</summary>
    public string? TaskImage { get; set; }

    /// <summary>The loopback port the devbox listens on.</summary>
    public int Port => new Uri(Devbox.Endpoint).Port;

    /// <summary>Starts the devbox again on the same data folder (after <see cref="StopDevboxAsync"/>); on <paramref name="port"/>, when given.</summary>
    public async Task StartDevboxAsync(int? maxConcurrentActions = null, int? port = null)
    {
        var options = new DevboxOptions
        {
            DataDirectory = DataDirectory,
            Port = port ?? 0,
            A0Command = ["dotnet", SampleOutputs.A0],
            MaxConcurrentActions = maxConcurrentActions,
        };
        Devbox = await DevboxServer.StartAsync(_configure?.Invoke(options) ?? options);
        _channel = _bearerToken is null
            ? GrpcChannel.ForAddress(Devbox.Endpoint)
            : GrpcChannel.ForAddress(Devbox.Endpoint, new GrpcChannelOptions { HttpHandler = new BearerTokenHandler(_bearerToken, new SocketsHttpHandler()) });
        Tasks = new TaskService.TaskServiceClient(_channel);
        Runs = new RunService.RunServiceClient(_channel);
        DataProxy = new DataProxyService.DataProxyServiceClient(_channel);
        Secrets = new Flyteidl2.Secret.SecretService.SecretServiceClient(_channel);
    }

    public async Task StopDevboxAsync()
    {
        _channel.Dispose();
        await Devbox.DisposeAsync();
    }

    /// <summary>
    /// Packs the sample's build output as a code bundle in the devbox's store (or, with S3 storage, uploads it as a client
    /// does: CreateUploadLocation, then a PUT to the presigned URL) and deploys every task named.
    /// </summary>
    public Task<Dictionary<string, TaskIdentifier>> DeployAsync(string sampleFolder, string assemblyName, params string[] taskNames) =>
        DeployChangedAsync(sampleFolder, assemblyName, _ => { }, taskNames);

    /// <summary>As <see cref="DeployAsync"/>, with each spec changed by <paramref name="change"/> before it is deployed.</summary>
    public async Task<Dictionary<string, TaskIdentifier>> DeployChangedAsync(string sampleFolder, string assemblyName, Action<TaskSpec> change, params string[] taskNames)
    {
        bool inS3 = Devbox.Storage is S3BucketStorage;
        var bundle = await CodeBundle.CreateFileAsync(sampleFolder, inS3 ? Path.Combine(DataDirectory, "bundles") : Path.Combine(DataDirectory, "store", "bundles"));
        string bundleUri = inS3 ? await UploadAsync(bundle) : new Uri(bundle.Path).AbsoluteUri;
        var deployed = new Dictionary<string, TaskIdentifier>(StringComparer.Ordinal);
        foreach (string name in taskNames)
        {
            var spec = Spec(SampleTasks.Get(sampleFolder, assemblyName, name), bundle, bundleUri, TaskImage, SampleTasks.All(sampleFolder, assemblyName));
            change(spec);
            var id = new TaskIdentifier { Project = Project, Domain = Domain, Name = name, Version = bundle.Md5Hex };
            await Tasks.DeployTaskAsync(new DeployTaskRequest { TaskId = id, Spec = spec });
            deployed[name] = id;
        }
        return deployed;
    }

    /// <param name="deployedTogether">The tasks deployed with <paramref name="task"/>, whose environments' images its
    /// children get through <c>--image-cache</c>, as a deploy passes them; by default the task alone.</param>
    public static TaskSpec Spec(TaskDefinition task, CodeBundleFile bundle, string? bundleUri = null, string? image = null,
        IEnumerable<TaskDefinition>? deployedTogether = null)
    {
        // The devbox refuses {{.image}} as a cluster would, for children too; its process launcher ignores the image itself.
        string fallback = image ?? Flyte.Images.TaskImages.SdkDefault;
        return TaskTemplates.CreateSpec(task, new TaskTemplateSettings
        {
            Project = Project,
            Domain = Domain,
            Version = bundle.Md5Hex,
            CodeBundleUri = bundleUri ?? new Uri(bundle.Path).AbsoluteUri,
            DefaultImage = fallback,
            ImageCache = Flyte.Images.ImageCacheTransport.Encode(Flyte.Images.TaskImages.ByEnvironment(deployedTogether ?? [task], fallback)),
        });
    }

    /// <summary>Uploads the bundle through the data proxy and returns its native URL.</summary>
    public async Task<string> UploadAsync(CodeBundleFile bundle)
    {
        byte[] content = await File.ReadAllBytesAsync(bundle.Path);
        var location = await DataProxy.CreateUploadLocationAsync(new CreateUploadLocationRequest
        {
            Project = Project,
            Domain = Domain,
            Filename = bundle.FileName,
            ContentMd5 = ByteString.CopyFrom(Convert.FromHexString(bundle.Md5Hex)),
        });
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Put, location.SignedUrl) { Content = new ByteArrayContent(content) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Content.Headers.ContentMD5 = Convert.FromBase64String(location.Headers["Content-MD5"]);
        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"PUT {location.SignedUrl}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return location.NativeUrl;
    }

    public async Task<RunIdentifier> StartRunAsync(TaskIdentifier task, LiteralMap inputs, string? runName = null)
    {
        var runId = new RunIdentifier { Project = Project, Domain = Domain, Name = runName ?? RunNames.New() };
        await Runs.CreateRunAsync(new CreateRunRequest { RunId = runId, TaskId = task, Inputs = RunLayout.ToInputs(inputs) });
        return runId;
    }

    /// <summary>Watches the run until WatchRunDetails ends, and returns the last details it sent.</summary>
    public async Task<RunDetails> WaitAsync(RunIdentifier run, TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        using var watch = Runs.WatchRunDetails(new WatchRunDetailsRequest { RunId = run }, cancellationToken: cancellation.Token);
        RunDetails? last = null;
        while (await watch.ResponseStream.MoveNext(cancellation.Token))
        {
            last = watch.ResponseStream.Current.Details;
        }
        return last ?? throw new InvalidOperationException($"WatchRunDetails of {run.Name} ended without details");
    }

    public async Task<LiteralMap> OutputsAsync(RunIdentifier run)
    {
        var uris = await Runs.GetActionDataURIsAsync(new GetActionDataURIsRequest { ActionId = new ActionIdentifier { Run = run, Name = "a0" } });
        var outputs = await Devbox.Storage.ReadAsync(uris.OutputsUri, Outputs.Parser, CancellationToken.None);
        return RunLayout.ToLiteralMap(outputs.Literals);
    }

    public async ValueTask DisposeAsync()
    {
        await StopDevboxAsync();
        Directory.Delete(DataDirectory, recursive: true);
    }
}
