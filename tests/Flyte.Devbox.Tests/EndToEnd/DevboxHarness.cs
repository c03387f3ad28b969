using Flyte.Bundles;
using Flyte.Local;
using Flyte.Tasks;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Task;
using Task = System.Threading.Tasks.Task;
using Flyteidl2.Workflow;
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

    private GrpcChannel _channel = null!;

    private DevboxHarness(string dataDirectory) => DataDirectory = dataDirectory;

    public string DataDirectory { get; }

    public DevboxServer Devbox { get; private set; } = null!;

    public TaskService.TaskServiceClient Tasks { get; private set; } = null!;

    public RunService.RunServiceClient Runs { get; private set; } = null!;

    public static async Task<DevboxHarness> StartAsync(string? dataDirectory = null, int? maxConcurrentActions = null)
    {
        var harness = new DevboxHarness(dataDirectory ?? Directory.CreateTempSubdirectory("devbox-tests-").FullName);
        await harness.StartDevboxAsync(maxConcurrentActions);
        return harness;
    }

    /// <summary>Starts the devbox again on the same data folder (after <see cref="StopDevboxAsync"/>).</summary>
    public async Task StartDevboxAsync(int? maxConcurrentActions = null)
    {
        Devbox = await DevboxServer.StartAsync(new DevboxOptions
        {
            DataDirectory = DataDirectory,
            Port = 0,
            A0Command = ["dotnet", SampleOutputs.A0],
            MaxConcurrentActions = maxConcurrentActions,
        });
        _channel = GrpcChannel.ForAddress(Devbox.Endpoint);
        Tasks = new TaskService.TaskServiceClient(_channel);
        Runs = new RunService.RunServiceClient(_channel);
    }

    public async Task StopDevboxAsync()
    {
        _channel.Dispose();
        await Devbox.DisposeAsync();
    }

    /// <summary>Packs the sample's build output as a code bundle in the devbox's store and deploys every task named.</summary>
    public async Task<Dictionary<string, TaskIdentifier>> DeployAsync(string sampleFolder, string assemblyName, params string[] taskNames)
    {
        var bundle = await CodeBundle.CreateFileAsync(sampleFolder, Path.Combine(DataDirectory, "store", "bundles"));
        var deployed = new Dictionary<string, TaskIdentifier>(StringComparer.Ordinal);
        foreach (string name in taskNames)
        {
            var spec = Spec(SampleTasks.Get(sampleFolder, assemblyName, name), bundle);
            var id = new TaskIdentifier { Project = Project, Domain = Domain, Name = name, Version = bundle.Md5Hex };
            await Tasks.DeployTaskAsync(new DeployTaskRequest { TaskId = id, Spec = spec });
            deployed[name] = id;
        }
        return deployed;
    }

    public static TaskSpec Spec(TaskDefinition task, CodeBundleFile bundle) => TaskTemplates.CreateSpec(task, new TaskTemplateSettings
    {
        Project = Project,
        Domain = Domain,
        Version = bundle.Md5Hex,
        CodeBundleUri = new Uri(bundle.Path).AbsoluteUri,
    });

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
        var outputs = await Flyte.Storage.ProtoObjects.ReadAsync(uris.OutputsUri, Outputs.Parser);
        return RunLayout.ToLiteralMap(outputs.Literals);
    }

    public async Task<LiteralMap> RunLocallyAsync(string sampleFolder, string assemblyName, string taskName, LiteralMap inputs)
    {
        var result = await LocalEngine.RunAsync(SampleTasks.Get(sampleFolder, assemblyName, taskName), inputs, new LocalRunOptions
        {
            RunDirectory = Path.Combine(DataDirectory, "local-runs", Guid.NewGuid().ToString("N")),
            UseCache = false,
        });
        return result.Outputs ?? throw result.Failure!;
    }

    public async ValueTask DisposeAsync()
    {
        await StopDevboxAsync();
        Directory.Delete(DataDirectory, recursive: true);
    }
}
