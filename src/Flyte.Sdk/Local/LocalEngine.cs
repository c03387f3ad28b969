using Flyte.Generation;
using Flyte.Execution;
using Flyte.Hashing;
using Flyte.Tasks;
using Flyteidl2.Core;

namespace Flyte.Local;

/// <summary>
/// Runs a task or workflow in-process with Flyte's semantics: every task boundary goes through
/// literals and bytes, with retries of recoverable failures, timeouts, caching, a parallelism limit
/// and cancellation, and every action leaves the files a remote run would (<see cref="RunLayout"/>).
/// </summary>
public sealed class LocalEngine
{
    private readonly LocalRunOptions _options;
    private readonly TaskSecrets _secrets;
    private readonly LocalCache? _cache;
    private readonly SemaphoreSlim _taskSlots;
    private readonly Dictionary<string, TaskFake> _fakes;

    private LocalEngine(LocalRunOptions options)
    {
        _options = options;
        _secrets = new TaskSecrets(options.EnvironmentVariables ?? Environment.GetEnvironmentVariable, options.ResolveSecretsFile());
        RunName = options.RunName ?? RunNames.New();
        Layout = new RunLayout(options.ResolveRunDirectory(RunName));
        _cache = options.UseCache ? new LocalCache(options.ResolveCacheDirectory()) : null;
        _taskSlots = new SemaphoreSlim(Math.Max(1, options.MaxParallelism));
        _fakes = options.Fakes.ToDictionary(f => f.Task.Name, StringComparer.Ordinal);
    }

    /// <summary>The name of the run this engine runs.</summary>
    public string RunName { get; }

    internal RunLayout Layout { get; }

    internal LocalTraces Traces { get; } = new();

    /// <summary>Runs <paramref name="task"/> as the root action <c>a0</c> of a new run.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026", Justification = "The untyped and the typed overload differ in their required parameters (the typed one takes the decoder), so no call is ambiguous.")]
    public static async Task<LocalRunResult> RunAsync(TaskDefinition task, LiteralMap inputs, LocalRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(inputs);
        var engine = new LocalEngine(options ?? new LocalRunOptions());
        var root = new ActionReport("a0", task.Name, parent: null);
        try
        {
            LiteralMap outputs = await engine.RunActionAsync(task, inputs, root, cancellationToken).ConfigureAwait(false);
            return new LocalRunResult(engine.RunName, engine.Layout.RunDirectory, root, outputs, null);
        }
        catch (TaskFailedException failure)
        {
            return new LocalRunResult(engine.RunName, engine.Layout.RunDirectory, root, null, failure);
        }
    }

    /// <summary>Runs <paramref name="task"/> and decodes its result with <paramref name="decodeOutputs"/>.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026", Justification = "The untyped and the typed overload differ in their required parameters (the typed one takes the decoder), so no call is ambiguous.")]
    public static async Task<LocalRunResult<T>> RunAsync<T>(TaskDefinition task, LiteralMap inputs, Func<LiteralMap, T> decodeOutputs, LocalRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(task, inputs, options, cancellationToken).ConfigureAwait(false);
        return new LocalRunResult<T>(result, decodeOutputs);
    }

    internal async Task<LiteralMap> RunActionAsync(TaskDefinition task, LiteralMap inputs, ActionReport report, CancellationToken runToken)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        Publish(report, attempt: 0);
        try
        {
            string? cacheKey = CacheKeyOf(task, inputs);
            if (cacheKey is not null && _cache!.TryGet(task.Name, cacheKey) is { } cached)
            {
                Layout.WriteInputs(report.Name, 0, inputs);
                Layout.WriteOutputs(report.Name, 0, cached);
                report.CacheHit = true;
                report.Phase = ActionPhase.Succeeded;
                Publish(report, attempt: 0);
                return cached;
            }

            Exception? lastError = null;
            int attempts = task.Policy.Retries + 1;
            for (int attempt = 0; attempt < attempts; attempt++)
            {
                if (attempt > 0 && _options.RetryDelay > TimeSpan.Zero)
                {
                    await Task.Delay(_options.RetryDelay, runToken).ConfigureAwait(false);
                }
                report.Attempts = attempt + 1;
                Layout.WriteInputs(report.Name, attempt, inputs);
                ContainerError error;
                try
                {
                    LiteralMap outputs = await RunAttemptAsync(task, inputs, report, attempt, runToken).ConfigureAwait(false);
                    Layout.WriteOutputs(report.Name, attempt, outputs);
                    if (cacheKey is not null)
                    {
                        _cache!.Put(task.Name, cacheKey, outputs);
                    }
                    report.Phase = ActionPhase.Succeeded;
                    Publish(report, attempt);
                    return outputs;
                }
                catch (Exception e) when (runToken.IsCancellationRequested)
                {
                    Fail(report, attempt, e, ActionPhase.Aborted, ContainerErrors.FromSystem("Aborted", "the run was cancelled"));
                    throw new TaskFailedException(task.Name, report.Name, ActionPhase.Aborted, report.AttemptErrors, e);
                }
                catch (MissingSecretException e)
                {
                    // Another attempt would miss it too.
                    lastError = e;
                    error = ContainerErrors.FromSystem("SecretNotFound", e.Message, recoverable: false);
                    Fail(report, attempt, e, ActionPhase.Failed, error);
                }
                catch (AttemptTimedOutException e)
                {
                    lastError = e;
                    error = ContainerErrors.FromSystem("TimedOut", e.Message);
                    Fail(report, attempt, e, ActionPhase.TimedOut, error);
                }
                catch (Exception e)
                {
                    lastError = e;
                    error = ContainerErrors.FromUser(e);
                    Fail(report, attempt, e, ActionPhase.Failed, error);
                }
                // As the devbox reads error.pb: only a RECOVERABLE failure (a RecoverableException, a timeout) earns another attempt.
                if (error.Kind != ContainerError.Types.Kind.Recoverable || attempt + 1 == attempts)
                {
                    break;
                }
                report.Phase = ActionPhase.Queued;
                Publish(report, attempt + 1);
            }
            throw new TaskFailedException(task.Name, report.Name, report.Phase, report.AttemptErrors, lastError);
        }
        finally
        {
            report.Duration = started.Elapsed;
        }
    }

    private async Task<LiteralMap> RunAttemptAsync(TaskDefinition task, LiteralMap inputs, ActionReport report, int attempt, CancellationToken runToken)
    {
        bool isTask = !task.Declaration.IsWorkflow;
        if (isTask)
        {
            // Only tasks take a slot: a workflow mostly waits on its children, and holding a slot could starve them.
            report.Phase = ActionPhase.WaitingForResources;
            Publish(report, attempt);
            await _taskSlots.WaitAsync(runToken).ConfigureAwait(false);
        }
        try
        {
            report.Phase = ActionPhase.Running;
            Publish(report, attempt);
            using var attemptCancellation = CancellationTokenSource.CreateLinkedTokenSource(runToken);
            var context = new TaskContext(RunName, report.Name, attempt, Layout.AttemptDirectory(report.Name, attempt),
                Path.Combine(Layout.RunDirectory, "raw", report.Name, attempt.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            {
                Secrets = _secrets,
                DeclaredSecrets = TaskSecrets.DeclaredNames(task),
            };
            if (!_fakes.ContainsKey(task.Name) && _secrets.CheckDeclared(task) is { } missing)
            {
                throw new MissingSecretException(missing);
            }
            var children = new ActionRunner(this, report, attemptCancellation.Token);
            var received = LiteralMap.Parser.ParseFrom(Google.Protobuf.MessageExtensions.ToByteArray(inputs));

            Task<LiteralMap> work = _fakes.TryGetValue(task.Name, out var fake)
                ? Invoke(() => fake.RunAsync(received, attemptCancellation.Token), children, isTask)
                : Invoke(() => task.InvokeAsync(received, context, attemptCancellation.Token), children, isTask);

            try
            {
                if (task.Policy.Timeout is not { } timeout)
                {
                    return await work.ConfigureAwait(false);
                }
                try
                {
                    return await work.WaitAsync(timeout, runToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    // The token tells cooperative code to stop; code that ignores it is left behind, as a killed pod would be.
                    attemptCancellation.Cancel();
                    throw new AttemptTimedOutException(task.Name, timeout);
                }
            }
            finally
            {
                WriteReport(report, task, attempt, context.Report);
            }
        }
        finally
        {
            if (isTask)
            {
                _taskSlots.Release();
            }
        }
    }

    /// <summary>Starts the method with this action as the Flyte context; tasks on the thread pool, so fan-out runs in parallel.</summary>
    private static Task<LiteralMap> Invoke(Func<Task<LiteralMap>> start, ActionRunner children, bool onThreadPool)
    {
        Task<LiteralMap> Run()
        {
            using var scope = FlyteContext.Enter(children);
            return start();
        }
        return onThreadPool ? Task.Run(Run) : Run();
    }

    /// <summary>
    /// The task's cache key, or null when the cache is off or the task is faked: a fake's outputs must neither be replaced
    /// by the real task's cached ones nor stored where a later real run would read them.
    /// </summary>
    private string? CacheKeyOf(TaskDefinition task, LiteralMap inputs) =>
        _cache is null || _fakes.ContainsKey(task.Name) ? null : ChildCalls.CacheKeyOf(task, ChildCalls.InputsHashOf(task, inputs));

    /// <summary>The attempt's report, if the task put anything in it, in the attempt's folder (docs/reports.md).</summary>
    private void WriteReport(ActionReport report, TaskDefinition task, int attempt, TaskReport taskReport)
    {
        if (taskReport.IsEmpty)
        {
            return;
        }
        string path = Path.Combine(Layout.AttemptDirectory(report.Name, attempt), TaskReport.FileName);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, taskReport.ToHtml($"{report.Name} {task.Name}"));
            report.ReportPath = path;
            report.ReportError = null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The attempt's result is what the run waits for; the report's loss is said beside it, not instead of it.
            report.ReportError = $"could not write {path}: {e.Message}";
        }
    }

    /// <summary>Writes a trace's outputs or error beside its inputs and shows it in the report, under the task that called it.</summary>
    internal void RecordTrace(ActionReport parent, TraceCall call, TraceOutcome outcome)
    {
        var report = Traces.ReportOf(call.ActionName);
        if (report is null)
        {
            report = new ActionReport(call.ActionName, call.Trace.Name, parent) { Group = call.Group, IsTrace = true };
            parent.AddChild(report);
        }
        report.Attempts = 1;
        report.Duration = outcome.Ended - outcome.Started;
        if (outcome.Outputs is { } outputs)
        {
            Layout.WriteTraceOutputs(call.ActionName, outputs);
            report.Phase = ActionPhase.Succeeded;
            report.Error = null;
        }
        else
        {
            var error = outcome.Error!;
            Layout.WriteTraceError(call.ActionName, error);
            report.AddAttemptError($"{error.Code}: {error.Message.Split('\n')[0]}");
            report.Error = error.Message;
            report.Phase = ActionPhase.Failed;
        }
        Traces.Record(call.ActionName, new LocalTraces.Recorded(report, outcome.Outputs, outcome.Error));
        Publish(report, attempt: 0);
    }

    private void Fail(ActionReport report, int attempt, Exception error, ActionPhase phase, ContainerError containerError)
    {
        report.AddAttemptError(error is AttemptTimedOutException ? error.Message : UserStackTrace.Summary(error));
        report.Error = containerError.Message;
        report.Phase = phase;
        Layout.WriteError(report.Name, attempt, containerError);
        Publish(report, attempt);
    }

    internal void Publish(ActionReport report, int attempt) =>
        _options.Progress?.Report(new ActionEvent(report.Name, report.TaskName, report.Parent?.Name, report.Phase, attempt, report.CacheHit, report.Error));
}
