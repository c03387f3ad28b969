using Flyte.Bundles;
using Flyte.Tasks;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Dataproxy;
using Flyteidl2.Task;
using Task = System.Threading.Tasks.Task;
using Flyteidl2.Workflow;
using Grpc.Core;
using Flyte.Remote.Connection;

namespace Flyte.Remote;

/// <summary>
/// A Flyte 2 control plane (a devbox or a cluster) from C#: deploy a project's tasks, run them typed, watch runs,
/// read outputs, abort. Errors from the control plane arrive as <see cref="FlyteRemoteException"/> with one clear line.
/// </summary>
public sealed class FlyteRemote : IDisposable
{
    private readonly ControlPlaneChannel _channel;
    private readonly HttpClient _http = new();

    private FlyteRemote(RemoteOptions options)
    {
        Options = options;
        _channel = ControlPlaneChannel.Open(options);
        Tasks = new TaskService.TaskServiceClient(_channel.Invoker);
        Runs = new RunService.RunServiceClient(_channel.Invoker);
        DataProxy = new DataProxyService.DataProxyServiceClient(_channel.Invoker);
        Secrets = new Flyteidl2.Secret.SecretService.SecretServiceClient(_channel.Invoker);
        Triggers = new Flyteidl2.Trigger.TriggerService.TriggerServiceClient(_channel.Invoker);
    }

    /// <summary>Where and how this client connects.</summary>
    public RemoteOptions Options { get; }

    internal TaskService.TaskServiceClient Tasks { get; }

    internal RunService.RunServiceClient Runs { get; }

    internal DataProxyService.DataProxyServiceClient DataProxy { get; }

    internal Flyteidl2.Secret.SecretService.SecretServiceClient Secrets { get; }

    internal Flyteidl2.Trigger.TriggerService.TriggerServiceClient Triggers { get; }

    /// <summary>For signed URLs: the control plane's uploads and downloads.</summary>
    internal HttpClient Http => _http;

    /// <summary>A client of the control plane at <paramref name="options"/>' endpoint; it connects on its first call.</summary>
    public static FlyteRemote Connect(RemoteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new FlyteRemoteException($"'{options.Endpoint}' is not an endpoint address: give http://host:port (plaintext, as for a devbox) or https://host:port");
        }
        return new FlyteRemote(options);
    }

    /// <summary>
    /// Runs the configured sign-in flow now, whatever is cached, and caches the new token (<c>flyte login</c>).
    /// Returns when the token expires (null: unknown).
    /// </summary>
    public async Task<DateTimeOffset?> SignInAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return (await _channel.Tokens.SignInAsync(cancellationToken).ConfigureAwait(false)).Token.ExpiresAt;
        }
        catch (Auth.AuthenticationFailedException e)
        {
            throw new FlyteRemoteException($"signing in to {Options.Endpoint} with the {_channel.Tokens.FlowType} flow failed: {e.Message}", e);
        }
        catch (RpcException e)
        {
            throw Translate(e);
        }
    }

    /// <summary>Forgets the tokens cached for this endpoint (<c>flyte logout</c>); true when there were any.</summary>
    public bool SignOut() => _channel.Tokens.SignOut();

    /// <summary>
    /// Packs <paramref name="codeFolder"/> (a build or publish output) as a code bundle, uploads it, and deploys every
    /// task at the bundle's version. Tasks already deployed at that version with the same spec are left alone; when
    /// all are, nothing is uploaded. Every task gets a real image (<see cref="Images.TaskImages"/>): its own, its
    /// environment's, <paramref name="pushed"/>, <see cref="RemoteOptions.DefaultImage"/>, else the SDK's base image.
    /// </summary>
    /// <param name="pushed">The task image pushed for this build (<c>flyte image push</c>, <c>FlytePushImage</c>), if any:
    /// it runs the tasks that name no image of their own, and one with the code in it replaces the code bundle.</param>
    public async Task<Deployment> DeployAsync(string codeFolder, IEnumerable<TaskDefinition> tasks, Images.PushedImage? pushed = null, CancellationToken cancellationToken = default)
    {
        var taskList = tasks.ToList();
        string fallbackImage = Images.TaskImages.Fallback(pushed, Options.DefaultImage);
        string imageCache = Images.ImageCacheTransport.Encode(Images.TaskImages.ByEnvironment(taskList, fallbackImage));
        if (pushed is { CodeInImage: true })
        {
            // The image's a0 has the code compiled in and runs no bundle: the tasks run from the image alone, versioned by its content tag.
            string version = Images.ImageReference.Split(pushed.Reference).Tag;
            var imageOnly = new TaskTemplateSettings
            {
                Org = Options.Org, Project = Options.Project, Domain = Options.Domain, Version = version, DefaultImage = fallbackImage, ImageCache = imageCache,
            };
            var registered = await RegisterAsync(taskList, imageOnly, () => Task.CompletedTask, cancellationToken).ConfigureAwait(false);
            return new Deployment(version, null, registered);
        }

        string bundleFolder = Directory.CreateTempSubdirectory("flyte-bundle-").FullName;
        try
        {
            var bundle = await CodeBundle.CreateFileAsync(codeFolder, bundleFolder, cancellationToken).ConfigureAwait(false);
            var upload = CodeBundleUpload.ToUpload(bundle);
            // The native URL goes into the specs, which decide whether anything needs uploading at all.
            var location = await LocateAsync(upload, cancellationToken).ConfigureAwait(false);
            var settings = new TaskTemplateSettings
            {
                Org = Options.Org,
                Project = Options.Project,
                Domain = Options.Domain,
                Version = bundle.Md5Hex,
                CodeBundleUri = location.NativeUrl,
                DefaultImage = fallbackImage,
                ImageCache = imageCache,
            };
            var registered = await RegisterAsync(taskList, settings, () => UploadAsync(upload, cancellationToken), cancellationToken).ConfigureAwait(false);
            return new Deployment(bundle.Md5Hex, location.NativeUrl, registered);
        }
        finally
        {
            Directory.Delete(bundleFolder, recursive: true);
        }
    }

    /// <summary>
    /// Registers each task at <paramref name="settings"/>' version unless it is there with the same spec already;
    /// <paramref name="beforeRegistering"/> runs once before the first registration (the bundle upload).
    /// </summary>
    private async Task<IReadOnlyList<DeployedTask>> RegisterAsync(IEnumerable<TaskDefinition> tasks, TaskTemplateSettings settings, Func<Task> beforeRegistering, CancellationToken cancellationToken)
    {
        var pending = new List<(TaskIdentifier Id, TaskSpec Spec, TaskDefinition Task)>();
        var results = new List<DeployedTask>();
        foreach (var task in tasks)
        {
            var id = new TaskIdentifier { Org = Options.Org, Project = Options.Project, Domain = Options.Domain, Name = task.Name, Version = settings.Version };
            var spec = TaskTemplates.CreateSpec(task, settings);
            // Triggers are not part of the spec: a task with any is sent again unless they are deployed as declared too.
            if (await DeployedSpecAsync(id, cancellationToken).ConfigureAwait(false) is { } existing && existing.Equals(spec)
                && (task.Declaration.Triggers.Count == 0 || await DeployedTriggers.MatchAsync(this, id, TaskTriggers.Of(task).ToList(), cancellationToken).ConfigureAwait(false)))
            {
                results.Add(new DeployedTask(task.Name, id.Version, Created: false));
            }
            else
            {
                pending.Add((id, spec, task));
            }
        }
        if (pending.Count > 0)
        {
            await beforeRegistering().ConfigureAwait(false);
            foreach (var (id, spec, task) in pending)
            {
                // The task's triggers replace those of earlier versions (docs/triggers.md).
                var request = new DeployTaskRequest { TaskId = id, Spec = spec, Triggers = { TaskTriggers.Of(task) } };
                await CallAsync(async () => await Tasks.DeployTaskAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
                results.Add(new DeployedTask(id.Name, id.Version, Created: true));
            }
        }
        return results.OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Starts <paramref name="task"/>, at its newest deployed version, with <paramref name="inputs"/>. Local files and
    /// folders among the inputs are uploaded first and the run gets their remote URIs.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026", Justification = "The untyped and the typed overload differ in their required parameters (the typed one takes the decoder), so no call is ambiguous.")]
    public async Task<RemoteRun<T>> RunAsync<T>(TaskDefinition task, LiteralMap inputs, Func<LiteralMap, T> decodeOutputs, string? runName = null, CancellationToken cancellationToken = default)
    {
        var id = await StartAsync(task, version: null, inputs, runName, cancellationToken).ConfigureAwait(false);
        return new RemoteRun<T>(this, id, decodeOutputs);
    }

    /// <summary>Starts <paramref name="task"/> (one without a result), at its newest deployed version; local input files are uploaded first.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026", Justification = "The untyped and the typed overload differ in their required parameters (the typed one takes the decoder), so no call is ambiguous.")]
    public async Task<RemoteRun> RunAsync(TaskDefinition task, LiteralMap inputs, string? runName = null, CancellationToken cancellationToken = default) =>
        new(this, await StartAsync(task, version: null, inputs, runName, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Starts <paramref name="task"/> at <paramref name="version"/> (the <see cref="Deployment.Version"/> of a deploy, say);
    /// local input files are uploaded first.
    /// </summary>
    public async Task<RemoteRun> RunAtVersionAsync(TaskDefinition task, string version, LiteralMap inputs, string? runName = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(version);
        return new(this, await StartAsync(task, version, inputs, runName, cancellationToken).ConfigureAwait(false));
    }

    private async Task<RunIdentifier> StartAsync(TaskDefinition task, string? version, LiteralMap inputs, string? runName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(inputs);
        // A missing local file fails before anything is sent; uploads wait until the task is known to be deployed.
        var files = LocalInputFiles.Find(inputs);
        var id = version is null
            ? await NewestVersionAsync(task.Name, cancellationToken).ConfigureAwait(false)
            : await DeployedVersionAsync(task.Name, version, cancellationToken).ConfigureAwait(false);
        await files.UploadAsync(this, cancellationToken).ConfigureAwait(false);
        var request = new CreateRunRequest { TaskId = id, Inputs = Local.RunLayout.ToInputs(files.Inputs) };
        if (runName is null)
        {
            request.ProjectId = new ProjectIdentifier { Organization = Options.Org, Name = Options.Project, Domain = Options.Domain };
        }
        else
        {
            request.RunId = new RunIdentifier { Org = Options.Org, Project = Options.Project, Domain = Options.Domain, Name = runName };
        }
        var response = await CallAsync(async () => await Runs.CreateRunAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        return response.Run.Action.Id.Run;
    }

    /// <summary>
    /// Checks each [RemoteTask] declaration against what is deployed (the version it names, else the newest, in its
    /// project and domain, else this connection's): a <see cref="RemoteTaskException"/> names the first that is not
    /// deployed or does not match. <c>flyte deploy</c> and <c>flyte run</c> check an assembly's declarations first.
    /// </summary>
    public async Task CheckRemoteTasksAsync(IEnumerable<RemoteTaskDefinition> declarations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(declarations);
        foreach (var declaration in declarations)
        {
            await FindRemoteTaskAsync(declaration, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The deployed task a [RemoteTask] declaration calls, checked against it (see <see cref="CheckRemoteTasksAsync"/>).</summary>
    internal async Task<TaskDetails> FindRemoteTaskAsync(RemoteTaskDefinition declaration, CancellationToken cancellationToken)
    {
        var name = RemoteTaskResolution.NameOf(declaration, Options.Org, Options.Project, Options.Domain);
        var deployed = await CallAsync(() => DeployedTaskLookup.FindAsync(Tasks, name, declaration.Version, headers: null, cancellationToken)).ConfigureAwait(false);
        return RemoteTaskResolution.Check(declaration, name, deployed);
    }

    /// <summary>
    /// The details of a deployed task by name, at <paramref name="version"/> or the newest (what <c>flyte generate
    /// remote-task</c> writes a declaration from).
    /// </summary>
    internal async Task<TaskDetails> GetDeployedTaskAsync(string name, string? version, string? project, string? domain, CancellationToken cancellationToken)
    {
        var taskName = new TaskName { Org = Options.Org, Project = project ?? Options.Project, Domain = domain ?? Options.Domain, Name = name };
        return await CallAsync(() => DeployedTaskLookup.FindAsync(Tasks, taskName, version, headers: null, cancellationToken)).ConfigureAwait(false)
            ?? throw new FlyteRemoteException($"{DeployedTaskLookup.NotDeployed(taskName, version)} at {Options.Endpoint}; check the name with 'flyte get tasks'");
    }

    /// <summary>A run that exists already, by name.</summary>
    public RemoteRun GetRun(string runName) =>
        new(this, new RunIdentifier { Org = Options.Org, Project = Options.Project, Domain = Options.Domain, Name = runName });

    /// <summary>The newest runs of the project and domain, newest first; each is its root action.</summary>
    public async Task<IReadOnlyList<Run>> ListRunsAsync(int limit = 50, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var response = await CallAsync(async () => await Runs.ListRunsAsync(new ListRunsRequest
        {
            Request = new ListRequest { Limit = (uint)limit },
            ProjectId = new ProjectIdentifier { Organization = Options.Org, Name = Options.Project, Domain = Options.Domain },
        }, cancellationToken: cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        return response.Runs.Take(limit).ToList();
    }

    private async Task<TaskIdentifier> NewestVersionAsync(string taskName, CancellationToken cancellationToken)
    {
        var name = new TaskName { Org = Options.Org, Project = Options.Project, Domain = Options.Domain, Name = taskName };
        string newest = await CallAsync(() => DeployedTaskLookup.NewestVersionAsync(Tasks, name, headers: null, cancellationToken)).ConfigureAwait(false)
            ?? throw new FlyteRemoteException($"task {taskName} is not deployed in {Options.Project}/{Options.Domain} at {Options.Endpoint}; deploy it first (flyte deploy)");
        return new TaskIdentifier { Org = Options.Org, Project = Options.Project, Domain = Options.Domain, Name = taskName, Version = newest };
    }

    private async Task<TaskIdentifier> DeployedVersionAsync(string taskName, string version, CancellationToken cancellationToken)
    {
        var id = new TaskIdentifier { Org = Options.Org, Project = Options.Project, Domain = Options.Domain, Name = taskName, Version = version };
        return await DeployedSpecAsync(id, cancellationToken).ConfigureAwait(false) is not null
            ? id
            : throw new FlyteRemoteException($"task {taskName} is not deployed at version {version} in {Options.Project}/{Options.Domain} at {Options.Endpoint}; deploy it first (flyte deploy)");
    }

    private async Task<TaskSpec?> DeployedSpecAsync(TaskIdentifier id, CancellationToken cancellationToken)
    {
        try
        {
            return (await Tasks.GetTaskDetailsAsync(new GetTaskDetailsRequest { TaskId = id }, cancellationToken: cancellationToken).ConfigureAwait(false)).Details.Spec;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
        catch (RpcException e)
        {
            throw Translate(e);
        }
    }

    /// <summary>Uploads a local file (<see cref="DataProxyUpload"/>); returns its native URL.</summary>
    internal Task<string> UploadAsync(LocalUpload upload, CancellationToken cancellationToken) =>
        CallAsync(() => DataProxyUpload.UploadAsync(DataProxy, _http, Options, upload, cancellationToken));

    /// <summary>Where a local file would be uploaded, asking without sending it.</summary>
    internal Task<CreateUploadLocationResponse> LocateAsync(LocalUpload upload, CancellationToken cancellationToken) =>
        CallAsync(() => DataProxyUpload.LocateAsync(DataProxy, Options, upload, cancellationToken));

    /// <summary>Runs a call, turning gRPC failures into one-line <see cref="FlyteRemoteException"/>s.</summary>
    internal async Task<TResult> CallAsync<TResult>(Func<Task<TResult>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            throw Translate(e);
        }
    }

    internal async Task CallAsync(Func<Task> call)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            throw Translate(e);
        }
    }

    internal FlyteRemoteException Translate(RpcException e)
    {
        if (ConnectionFailures.Explain(e, Options) is { } settings)
        {
            return new FlyteRemoteException(settings, e);
        }
        if (e.Status.DebugException is Auth.IdentityProviderUnavailableException unavailable)
        {
            return new FlyteRemoteException(unavailable.Message, e);
        }
        return e.StatusCode switch
        {
            StatusCode.Unauthenticated => new FlyteRemoteException(
                $"the control plane at {Options.Endpoint} did not accept this client's credentials ({_channel.Tokens.FlowType} flow): {e.Status.Detail}; "
                + "run 'flyte login', or check admin.authType, admin.clientId and the secret in your config", e),
            StatusCode.Unavailable => new FlyteRemoteException(
                $"cannot reach the Flyte control plane at {Options.Endpoint}: start a devbox with 'flyte devbox start', or set admin.endpoint in your config", e),
            StatusCode.Unimplemented => new FlyteRemoteException($"the control plane at {Options.Endpoint} does not implement this call: {e.Status.Detail}", e),
            _ => new FlyteRemoteException(e.Status.Detail is { Length: > 0 } detail ? detail : $"{e.StatusCode} from {Options.Endpoint}", e),
        };
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _channel.Dispose();
        _http.Dispose();
    }
}
