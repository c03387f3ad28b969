using Flyte.Remote;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Task;
using Flyteidl2.Workflow;
using Google.Protobuf;
using Task = System.Threading.Tasks.Task;

namespace Flyte.Images;

/// <summary>
/// Builds an image by running the control plane's image-builder task, as flyte-sdk's remote builder does
/// (src/flyte/_internal/imagebuild/remote_builder.py): the newest version of task <c>build-image</c> in project
/// <c>system</c> (domain <c>production</c>, or <c>$FLYTE_IMAGEBUILDER_TASK_DOMAIN</c>), run in the user's project and
/// domain with the cache looked up across them (<c>force</c> overwrites it), given three strings: <c>spec</c> (the URL of
/// an uploaded <c>spec.pb</c>, a serialized <c>flyteidl2.imagebuilder.ImageSpec</c>), <c>context</c> (the URL of the
/// uploaded <c>context.tar.gz</c>, or "" when the image copies nothing) and <c>target_image</c>; its first output is the
/// image as pushed. Both files go up through DataProxy's CreateUploadLocation. Nothing but access to the Flyte API is
/// needed: no Docker engine, no registry or cluster credentials.
/// </summary>
public sealed class RemoteImageBuilder : IImageBuilder
{
    public const string TaskProject = "system";
    public const string TaskName = "build-image";
    public const string DefaultTaskDomain = "production";
    public const string TaskDomainVariable = "FLYTE_IMAGEBUILDER_TASK_DOMAIN";

    private readonly FlyteRemote _remote;
    private readonly bool _force;

    /// <param name="remote">The control plane, with the user's project and domain.</param>
    /// <param name="taskDomain">The builder task's domain; null for <c>$FLYTE_IMAGEBUILDER_TASK_DOMAIN</c>, else production.</param>
    /// <param name="force">Overwrite the builder task's cached result (flyte-sdk's <c>force</c>).</param>
    public RemoteImageBuilder(FlyteRemote remote, string? taskDomain = null, bool force = false)
    {
        ArgumentNullException.ThrowIfNull(remote);
        _remote = remote;
        _force = force;
        TaskDomain = taskDomain is { Length: > 0 } ? taskDomain
            : System.Environment.GetEnvironmentVariable(TaskDomainVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
            : DefaultTaskDomain;
    }

    public string Name => "remote";

    /// <summary>The domain the builder task is looked up in.</summary>
    public string TaskDomain { get; }

    /// <summary>Builds and pushes <paramref name="request"/>'s image; returns the image the builder reports (its first output).</summary>
    /// <exception cref="ImageBuildException">No builder task, or the build failed: one line saying which and why.</exception>
    public async Task<string> BuildAndPushAsync(ImageBuildRequest request, IProgress<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(log);
        var builder = await FindBuilderAsync(cancellationToken).ConfigureAwait(false);

        string folder = Directory.CreateTempSubdirectory("flyte-remote-build-").FullName;
        try
        {
            string context = Path.Combine(folder, "context");
            Directory.CreateDirectory(context);
            var spec = RemoteBuildSpec.Prepare(request.Image, request.AppDirectory, request.ProjectDirectory, context);
            string specPath = Path.Combine(folder, "spec.pb");
            await File.WriteAllBytesAsync(specPath, spec.ToByteArray(), cancellationToken).ConfigureAwait(false);
            string specUrl = await UploadAsync(specPath, "spec.pb", "the image spec", cancellationToken).ConfigureAwait(false);
            string contextUrl = "";
            if (Directory.EnumerateFileSystemEntries(context).Any())
            {
                string archive = Path.Combine(folder, RemoteContextArchive.FileName);
                await using (var file = File.Create(archive))
                {
                    RemoteContextArchive.WriteTarGz(context, file);
                }
                log.Report($"uploading the build context ({new FileInfo(archive).Length / 1024.0:F0} KiB)");
                contextUrl = await UploadAsync(archive, RemoteContextArchive.FileName, "the build context", cancellationToken).ConfigureAwait(false);
            }

            var run = await StartAsync(builder, specUrl, contextUrl, request.Reference, cancellationToken).ConfigureAwait(false);
            log.Report($"started build at {run.Url} (run {run.Name})");
            var details = await FollowAsync(run, log, cancellationToken).ConfigureAwait(false);
            var phase = details.Action?.Status?.Phase ?? ActionPhase.Unspecified;
            if (phase is not (ActionPhase.Succeeded or PhaseNames.Recovered))
            {
                string why = details.Action?.ErrorInfo?.Message is { Length: > 0 } message ? OneLine(message) : $"it ended {phase}";
                throw new ImageBuildException($"building {request.Reference} remotely failed (run {run.Name}, {run.Url}): {why}");
            }
            var outputs = await run.GetOutputsAsync(cancellationToken).ConfigureAwait(false);
            string? image = outputs.Literals.Count > 0 ? FirstString(outputs) : null;
            return image is { Length: > 0 }
                ? image
                : throw new ImageBuildException($"the remote builder's run {run.Name} succeeded without naming the image it pushed (its first output is not a string)");
        }
        catch (FlyteRemoteException e)
        {
            throw new ImageBuildException($"building {request.Reference} remotely failed: {e.Message}", e);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The newest version of system/build-image in the builder's domain.</summary>
    private async Task<TaskIdentifier> FindBuilderAsync(CancellationToken cancellationToken)
    {
        var name = new Flyteidl2.Task.TaskName { Org = _remote.Options.Org, Project = TaskProject, Domain = TaskDomain, Name = TaskName };
        TaskDetails? details;
        try
        {
            details = await _remote.CallAsync(() => DeployedTaskLookup.FindAsync(_remote.Tasks, name, version: null, headers: null, cancellationToken)).ConfigureAwait(false);
        }
        catch (FlyteRemoteException e)
        {
            throw new ImageBuildException($"remote builder not available: looking up task {TaskProject}/{TaskName} in domain {TaskDomain} failed: {e.Message}", e);
        }
        return details?.TaskId
            ?? throw new ImageBuildException($"remote builder not available: no task {TaskProject}/{TaskName} in domain {TaskDomain} at {_remote.Options.Endpoint}");
    }

    private async Task<string> UploadAsync(string path, string filename, string description, CancellationToken cancellationToken)
    {
        var upload = await LocalUpload.OfFileAsync(path, filename, filenameRoot: "", description, cancellationToken).ConfigureAwait(false);
        return await _remote.UploadAsync(upload, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>CreateRun of the builder in the user's project and domain, as flyte.with_runcontext(cache_lookup_scope="project-domain", overwrite_cache=force).run does.</summary>
    private async Task<RemoteRun> StartAsync(TaskIdentifier builder, string specUrl, string contextUrl, string target, CancellationToken cancellationToken)
    {
        var request = new CreateRunRequest
        {
            ProjectId = new ProjectIdentifier { Organization = _remote.Options.Org, Name = _remote.Options.Project, Domain = _remote.Options.Domain },
            TaskId = builder,
            Inputs = new Inputs { Literals = { Input("spec", specUrl), Input("context", contextUrl), Input("target_image", target) } },
            RunSpec = new RunSpec { CacheConfig = new CacheConfig { OverwriteCache = _force, CacheLookupScope = CacheLookupScope.ProjectDomain } },
        };
        // flyte-sdk sets the older field too, for control planes that read only it.
#pragma warning disable CS0612
        request.RunSpec.OverwriteCache = _force;
#pragma warning restore CS0612
        var response = await _remote.CallAsync(async () => await _remote.Runs.CreateRunAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        return _remote.GetRun(response.Run.Action.Id.Run.Name);
    }

    /// <summary>Waits for the run, reporting each new phase and, once its action runs, the lines its attempt logs.</summary>
    private static async Task<RunDetails> FollowAsync(RemoteRun run, IProgress<string> log, CancellationToken cancellationToken)
    {
        using var stopTail = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task? tail = null;
        ActionPhase last = ActionPhase.Unspecified;
        var progress = new SynchronousProgress<RunDetails>(details =>
        {
            var phase = details.Action?.Status?.Phase ?? ActionPhase.Unspecified;
            if (phase != last)
            {
                last = phase;
                log.Report($"build {run.Name}: {PhaseNames.Of(phase)}");
            }
            if (tail is null && phase is ActionPhase.Running)
            {
                uint attempt = Math.Max(1, details.Action?.Status?.Attempts ?? 1);
                tail = TailAsync(run, attempt, log, stopTail.Token);
            }
        });
        var details = await run.WaitAsync(progress, cancellationToken).ConfigureAwait(false);
        if (tail is null)
        {
            // It ended before it was seen running: its log, if it has one, is complete already.
            uint attempt = Math.Max(1, details.Action?.Status?.Attempts ?? 1);
            tail = TailAsync(run, attempt, log, stopTail.Token);
        }
        // The tail ends with the attempt; a control plane that keeps it open is not waited for long.
        stopTail.CancelAfter(TimeSpan.FromSeconds(10));
        await tail.ConfigureAwait(false);
        return details;
    }

    private static async Task TailAsync(RemoteRun run, uint attempt, IProgress<string> log, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var line in run.TailLogsAsync(RemoteRun.RootActionName, attempt, cancellationToken).ConfigureAwait(false))
            {
                log.Report("  " + line.Message);
            }
        }
        catch (Exception e) when (e is FlyteRemoteException or Grpc.Core.RpcException or OperationCanceledException)
        {
            // The log is shown as a courtesy; a control plane without it (or a tail cut short) does not fail the build.
        }
    }

    private static NamedLiteral Input(string name, string value) =>
        new() { Name = name, Value = new Literal { Scalar = new Scalar { Primitive = new Primitive { StringValue = value } } } };

    /// <summary>outputs.literals[0].scalar.primitive.string_value, as flyte-sdk's _get_fully_qualified_image_name reads it.</summary>
    private static string? FirstString(LiteralMap outputs) =>
        outputs.Literals.OrderBy(pair => pair.Key, StringComparer.Ordinal).First().Value.Scalar?.Primitive?.StringValue;

    private static string OneLine(string message) => string.Join(" | ", message.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>An IProgress that reports on the caller's thread, in order (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
