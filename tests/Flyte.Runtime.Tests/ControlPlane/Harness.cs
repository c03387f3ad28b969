using Flyte.Bundles;
using Flyte.Local;
using Flyte.Storage;
using Flyte.Tasks;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Workflow;
using Action = Flyteidl2.Actions.Action;
using ActionPhase = Flyteidl2.Common.ActionPhase;

namespace Flyte.Runtime.Tests.ControlPlane;

/// <summary>
/// One sample deployed as a code bundle in an object store (a folder or s3rver), a fake control plane serving
/// ActionsService, and the executor that runs each action as an a0 process: a run on a cluster, in miniature.
/// </summary>
internal sealed class Harness : IAsyncDisposable
{
    public const string Project = "flytesnacks";
    public const string Domain = "development";

    private readonly string _sampleFolder;
    private readonly string _assemblyName;

    private Harness(string sampleFolder, string assemblyName, A0Executor.Storage storage, string storeRoot, CodeBundleFile bundle, string bundleUri)
    {
        _sampleFolder = sampleFolder;
        _assemblyName = assemblyName;
        Storage = storage;
        StoreRoot = storeRoot;
        Bundle = bundle;
        BundleUri = bundleUri;
    }

    public A0Executor.Storage Storage { get; }
    public string StoreRoot { get; }
    public CodeBundleFile Bundle { get; }
    public string BundleUri { get; }
    public FakeActionsService Service { get; private set; } = null!;
    public ActionsServer Server { get; private set; } = null!;
    public A0Executor Executor { get; private set; } = null!;

    /// <param name="s3">The test S3 server to keep the bundle and the run's files in; null for a local folder.</param>
    public static async Task<Harness> StartAsync(string work, string sampleFolder, string assemblyName, S3rverFixture? s3, int? retries = null)
    {
        var storage = new A0Executor.Storage(work, s3?.Options);
        string storeRoot = s3 is null ? Path.Combine(work, "store") : $"s3://{S3rverFixture.Bucket}/{Guid.NewGuid():N}";
        var bundle = await CodeBundle.CreateFileAsync(sampleFolder, Path.Combine(work, "bundles"));
        string bundleUri = ProtoObjects.Join(storeRoot, "bundles/" + Path.GetFileName(bundle.Path));
        using (var store = storage.Open(bundleUri))
        await using (var file = File.OpenRead(bundle.Path))
        {
            await store.WriteAsync(bundleUri, file);
        }

        var harness = new Harness(sampleFolder, assemblyName, storage, storeRoot, bundle, bundleUri);
        harness.Service = new FakeActionsService((action, token) => harness.Executor.RunAsync(action, token));
        harness.Server = await ActionsServer.StartAsync(harness.Service);
        harness.Executor = new A0Executor(storage, harness.Server.Endpoint) { Retries = retries };
        return harness;
    }

    public TaskDefinition Task(string name) => SampleTasks.Get(_sampleFolder, _assemblyName, name);

    public TaskTemplateSettings Settings => new()
    {
        Project = Project,
        Domain = Domain,
        Version = Bundle.Md5Hex,
        CodeBundleUri = BundleUri,
        DefaultImage = "localhost:5000/flyte-dotnet:test",
    };

    public string RunBase(string runName) => ProtoObjects.Join(StoreRoot, "runs/" + runName);

    /// <summary>Starts <paramref name="taskName"/> as the root action a0 of run <paramref name="runName"/>, as CreateRun would.</summary>
    public async Task<ActionUpdate> RunRootAsync(string taskName, LiteralMap inputs, string runName)
    {
        var task = Task(taskName);
        string runBase = RunBase(runName);
        string inputUri = ProtoObjects.Join(runBase, "a0/inputs.pb");
        await ProtoObjects.WriteAsync(inputUri, RunLayout.ToInputs(inputs), default, Storage.S3);
        var settings = Settings;
        var action = new Action
        {
            ActionId = new ActionIdentifier { Run = new RunIdentifier { Project = Project, Domain = Domain, Name = runName }, Name = "a0" },
            InputUri = inputUri,
            RunOutputBase = runBase,
            Task = new TaskAction
            {
                Id = new Flyteidl2.Task.TaskIdentifier { Project = Project, Domain = Domain, Name = task.Name, Version = settings.Version },
                Spec = TaskTemplates.CreateSpec(task, settings),
            },
        };
        return await Executor.RunAsync(action, CancellationToken.None);
    }

    public async Task<LiteralMap> OutputsOfAsync(ActionUpdate update)
    {
        Assert.True(update.Phase == ActionPhase.Succeeded, $"{update.ActionId.Name} ended {update.Phase}: {update.Error?.Code}: {update.Error?.Message}");
        var outputs = await ProtoObjects.ReadAsync(ProtoObjects.Join(update.OutputUri, "outputs.pb"), Flyteidl2.Task.Outputs.Parser, default, Storage.S3);
        return RunLayout.ToLiteralMap(outputs.Literals);
    }

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
