using Flyte.Generation;
using System.Diagnostics.CodeAnalysis;
using Flyte.Bundles;
using Flyte.Execution;
using Flyte.Loading;
using Flyte.Runtime.Controller;
using Flyte.Runtime.CommandLine;
using Flyte.Storage;
using Flyte.Tasks;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Google.Protobuf;

namespace Flyte.Runtime.Execution;

/// <summary>
/// Runs one action as the Flyte executor asks (docs/protocol.md, Task container contract): fetch and unpack the code bundle,
/// load the user's assembly, find the task in its dispatch table, read inputs.pb, run the task,
/// and write outputs.pb or error.pb under the output prefix. The files carry the result: the
/// exit code is 0 either way, and non-zero only when not even error.pb could be written.
/// </summary>
/// <remarks>
/// It runs on a0's main thread and blocks on each step that may wait (storage, the task): the process has nothing else
/// to do meanwhile, and async methods of its own would cost every action start-up time (each state machine is
/// compiled by the JIT at its first use).
/// </remarks>
/// <param name="code">Where the task's code comes from: loaded for this action (null, a0's one action), or kept by a
/// worker that runs many (Worker/WorkerCode.cs).</param>
internal sealed class ActionRunner(TextWriter log, ITaskCode? code = null)
{
    /// <param name="attempt">The attempt number the executor gives (<c>FLYTE_ATTEMPT_NUMBER</c>), 0 for the first.</param>
    /// <param name="secrets">Where the task's secrets are: the process's environment, unless a worker was given the action's own.</param>
    public int Run(A0Arguments a, int attempt, CancellationToken cancellationToken, TaskSecrets? secrets = null)
    {
        ContainerError? error;
        LiteralMap? outputs = null;
        secrets ??= TaskSecrets.FromEnvironment;
        try
        {
            TaskDefinition task = LoadTaskOrFail(a, cancellationToken);
            LiteralMap inputs = ReadInputs(a.Inputs, cancellationToken);
            var context = new TaskContext(a.RunName ?? "", a.ActionName ?? "", attempt, a.OutputsPath, a.RawDataPath ?? "")
            {
                DeclaredSecrets = TaskSecrets.DeclaredNames(task),
                Secrets = secrets,
            };
            // The control plane sets each declared secret's variable (docs/secrets.md); one that is missing stops the
            // attempt before the task's code runs, and another attempt would miss it too.
            if (secrets.CheckDeclared(task) is { } missing)
            {
                throw new SystemFailureException("SecretNotFound", missing, recoverable: false);
            }
            using var connection = new ControlPlaneConnection(a.Controller);
            var controller = new OnDemandController(() => CreateController(a, connection));
            try
            {
                using (FlyteContext.Enter(controller))
                {
                    outputs = task.InvokeAsync(inputs, context, cancellationToken).GetAwaiter().GetResult();
                }
                error = null;
            }
            catch (LiteralConversionException e)
            {
                // The inputs do not fit the task's interface: another attempt gets the same inputs, so it would fail too.
                error = ContainerErrors.FromSystem("InputsMismatch", e.Message, recoverable: false);
            }
            catch (SystemFailureException e)
            {
                // The controller could not reach storage or the control plane for a child call.
                error = ContainerErrors.FromSystem(e.Code, e.Message);
            }
            catch (Exception e)
            {
                error = ContainerErrors.FromUser(e);
            }
            finally
            {
                // Stops watching the children, if the task called any.
                controller.DisposeAsync().AsTask().GetAwaiter().GetResult();
                WriteReport(a, context.Report);
            }
        }
        catch (SystemFailureException e)
        {
            error = ContainerErrors.FromSystem(e.Code, e.Message, e.Recoverable);
        }
        catch (Exception e) when (IsStorageFailure(e))
        {
            error = ContainerErrors.FromSystem("StorageError", e.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped (SIGTERM, or a worker's cancel) while loading the code or reading the inputs, before the task ran.
            error = ContainerErrors.FromSystem("Cancelled", "the attempt was stopped before its task ran");
        }

        try
        {
            if (error is null)
            {
                Write(a.OutputsPath, "outputs.pb", Local.RunLayout.ToOutputs(outputs!));
                log.WriteLine($"a0: {a.TaskName} succeeded; outputs in {a.OutputsPath}");
            }
            else
            {
                Write(a.OutputsPath, "error.pb", new ErrorDocument { Error = error });
                log.WriteLine($"a0: {a.TaskName} failed ({error.Origin}, {error.Kind}): {error.Message.Split('\n')[0]}");
            }
            return 0;
        }
        catch (Exception e)
        {
            log.WriteLine($"a0: error: could not write the result under {a.OutputsPath}: {e.Message}");
            return 1;
        }
    }

    // Matched by namespace so that a run from local files never loads the AWS SDK (start-up time).
    private static bool IsStorageFailure(Exception e) =>
        e is IOException or ObjectNotFoundException or InvalidProtocolBufferException or UnauthorizedAccessException or NotSupportedException
        || e.GetType().Namespace?.StartsWith("Amazon", StringComparison.Ordinal) == true;

    private TaskDefinition LoadTaskOrFail(A0Arguments a, CancellationToken cancellationToken)
    {
        try
        {
            return FindTask(code is null ? LoadTable(a, cancellationToken) : code.Load(a, cancellationToken), a);
        }
        catch (Exception e) when (e is not SystemFailureException && !IsStorageFailure(e))
        {
            // Most likely the assembly does not fit this a0 (built against another Flyte.Sdk, or no .NET assembly at all).
            // A crash would leave no error.pb behind.
            // The innermost exception: a module initializer's failure arrives wrapped in a TypeInitializationException that says nothing.
            var cause = e.GetBaseException();
            string failure = $"could not load {a.TaskName} from {a.AssemblyName ?? "the image"}: {cause.GetType().FullName}: {cause.Message}";
            if (SdkVersionMismatch.IsBindingFailure(e)
                && SdkVersionMismatch.Explain(Path.GetFullPath(a.CodeBundleDestination ?? "."), SdkInfo.Version) is { } explanation)
            {
                // Another attempt runs the same a0 on the same code.
                throw new SystemFailureException(SdkVersionMismatch.Code, $"{failure}; {explanation}", e, recoverable: false);
            }
            throw new SystemFailureException("TaskLoadFailed", failure, e);
        }
    }

    /// <summary>Fetches and unpacks the code bundle, if any, and loads the task's assembly and its dispatch table.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "a0 runs framework-dependent and loads the user's assembly from disk by design.")]
    internal static ITaskTable LoadTable(A0Arguments a, CancellationToken cancellationToken)
    {
        if (LinkedTasks.Table is { } linked)
        {
            // This a0 has its code compiled in; it cannot load other code, nor a newer copy of its own from a bundle.
            if (a.CodeBundle is not null)
            {
                throw new SystemFailureException("BundleNotSupported",
                    $"this a0 has {linked.AssemblyName} compiled in and runs no code bundle ({a.CodeBundle}); deploy the task to run in its image without a bundle, or use an image with the plain a0");
            }
            return linked.AssemblyName == a.AssemblyName
                ? linked
                : throw new SystemFailureException("AssemblyNotFound", $"this a0 has {linked.AssemblyName} compiled in, not {a.AssemblyName}: the task runs in the wrong image");
        }
        string codeDirectory = Path.GetFullPath(a.CodeBundleDestination ?? ".");
        if (a.CodeBundle is { } bundle)
        {
            // Lower-cased without culture rules: ToLowerInvariant would load ICU on every attempt's start-up path.
            string? md5 = a.Version is { Length: 32 } version && version.All(Uri.IsHexDigit) ? Convert.ToHexStringLower(Convert.FromHexString(version)) : null;
            try
            {
                if (md5 is null || a.BundleCache is not { } cache || !TryCopyFromCache(new UnpackedBundleCache(cache), md5, bundle, codeDirectory, cancellationToken))
                {
                    using var store = ObjectStores.For(bundle);
                    using var stream = store.OpenReadAsync(bundle, cancellationToken).GetAwaiter().GetResult();
                    CodeBundle.ExtractAsync(stream, codeDirectory, md5, cancellationToken).GetAwaiter().GetResult();
                }
            }
            catch (BundleRejectedException e)
            {
                throw new SystemFailureException("BundleRejected", e.Message, e);
            }
        }
        string assemblyName = a.AssemblyName
            ?? throw new SystemFailureException("NoAssembly", "the resolver arguments name no assembly ('assembly <name>'); redeploy the task");
        string path = Path.Combine(codeDirectory, assemblyName + ".dll");
        if (!File.Exists(path))
        {
            throw new SystemFailureException("AssemblyNotFound", $"{assemblyName}.dll is not in {codeDirectory}: the code bundle or the image lacks it");
        }
        var assembly = TaskAssemblyLoader.Load(path);
        return TaskRegistry.Initialize(assembly) is { } registered && registered.AssemblyName == assemblyName ? registered
            : throw new SystemFailureException("NoTaskTable", $"{assemblyName} has no Flyte dispatch table; was it built with Flyte.Sdk?");
    }

    /// <summary>
    /// The bundle through the cache of unpacked bundles (docs/bundles.md); false when the cache's folder cannot be used
    /// (not writable, say), and the bundle is then unpacked as without one.
    /// </summary>
    private static bool TryCopyFromCache(UnpackedBundleCache cache, string md5, string bundle, string codeDirectory, CancellationToken cancellationToken)
    {
        IObjectStore? store = null;
        try
        {
            cache.CopyInto(md5, codeDirectory, () => (store = ObjectStores.For(bundle)).OpenReadAsync(bundle, cancellationToken).GetAwaiter().GetResult(), cancellationToken);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && !Directory.Exists(Path.Combine(cache.Folder, md5)))
        {
            return false;
        }
        finally
        {
            store?.Dispose();
        }
    }

    // The error is built elsewhere: precompiled code loads every type a method names before its first run, and
    // System.Linq would be one more assembly on a0's start-up path.
    private static TaskDefinition FindTask(ITaskTable table, A0Arguments a) => table.Find(a.TaskName) ?? throw TaskNotFound(table, a.TaskName);

    private static SystemFailureException TaskNotFound(ITaskTable table, string taskName) =>
        new("TaskNotFound", $"{table.AssemblyName} has no task {taskName}; its tasks: {string.Join(", ", table.Tasks.Select(t => t.Name))}");

    /// <summary>Child calls of the task become actions on the control plane, under the parent's run and name.</summary>
    private ActionsController CreateController(A0Arguments a, ControlPlaneConnection connection)
    {
        var parent = new ActionIdentifier
        {
            Run = new RunIdentifier { Org = a.Org ?? "", Project = a.Project ?? "", Domain = a.Domain ?? "", Name = a.RunName ?? "" },
            Name = a.ActionName ?? "",
        };
        var childSettings = new TaskTemplateSettings
        {
            Org = a.Org ?? "",
            Project = a.Project ?? "",
            Domain = a.Domain ?? "",
            Version = a.Version ?? "",
            CodeBundleUri = a.CodeBundle,
            ImageCache = a.ImageCacheTransport,
            // A child whose environment --image-cache does not name gets what a deploy gives a task when nothing names an
            // image; never {{.image}}, which no control plane substitutes.
            DefaultImage = Flyte.Images.TaskImages.SdkDefault,
        };
        return new ActionsController(connection, parent, a.RunBaseDir ?? "", childSettings, a.ImageCache, log);
    }

    private static LiteralMap ReadInputs(string uri, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // From a span: the byte[] overload sets up a CodedInputStream first, more of protobuf to load at every start.
        var inputs = LocalFiles.TryReadAll(uri) is { } bytes
            ? Flyteidl2.Task.Inputs.Parser.ParseFrom(new ReadOnlySpan<byte>(bytes))
            : ReadFromStore(uri, cancellationToken);
        return Local.RunLayout.ToLiteralMap(inputs.Literals);
    }

    private static Flyteidl2.Task.Inputs ReadFromStore(string uri, CancellationToken cancellationToken) =>
        ProtoObjects.ReadAsync(uri, Flyteidl2.Task.Inputs.Parser, cancellationToken).GetAwaiter().GetResult();

    // Not cancellable: after a SIGTERM the result (an error.pb, most likely) is what the executor needs most.
    /// <summary>The attempt's report, if the task put anything in it, beside its outputs (docs/reports.md). A report that
    /// cannot be written is logged, not an error of the task: the task's outputs are what its callers wait for.</summary>
    private void WriteReport(A0Arguments a, TaskReport report)
    {
        if (report.IsEmpty)
        {
            return;
        }
        try
        {
            Write(a.OutputsPath, TaskReport.FileName, System.Text.Encoding.UTF8.GetBytes(report.ToHtml($"{a.ActionName} {a.TaskName}")));
            log.WriteLine($"a0: report written to {ProtoObjects.Join(a.OutputsPath, TaskReport.FileName)}");
        }
        catch (Exception e) when (IsStorageFailure(e) || e is IOException)
        {
            log.WriteLine($"a0: could not write the report to {a.OutputsPath}: {e.Message}");
        }
    }

    private static void Write(string prefix, string fileName, IMessage message) => Write(prefix, fileName, ProtoObjects.ToBytes(message));

    private static void Write(string prefix, string fileName, byte[] content)
    {
        string uri = ProtoObjects.Join(prefix, fileName);
        if (!LocalFiles.TryWrite(uri, content))
        {
            ProtoObjects.WriteAsync(uri, content, CancellationToken.None).GetAwaiter().GetResult();
        }
    }
}
