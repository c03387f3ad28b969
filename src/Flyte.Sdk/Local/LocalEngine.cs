using Flyte.Generation;
using Flyte.Execution;
using Flyte.Hashing;
using Flyte.Tasks;
using Flyteidl2.Core;
using Google.Protobuf;

namespace Flyte.Local;

/// <summary>
/// Runs a task or workflow in-process with Flyte's semantics: every task boundary goes through
/// literals and bytes, with retries of recoverable failures, timeouts, caching, a parallelism limit
/// and cancellation. The root action and every failed attempt leave the files a remote run would (<see cref="RunLayout"/>),
/// and every action does with <see cref="ActionFiles.All"/> (docs/local-runs.md).
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
            LiteralMap outputs = await engine.RunActionAsync(task, inputs.ToByteArray(), inputsHash: null, root, cancellationToken).ConfigureAwait(false);
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

    /// <param name="inputs">The input literals' bytes: what crosses the boundary, and all a waiting action keeps of them.</param>
    /// <param name="inputsHash">The inputs hash a child's name was made from, reused for its cache key; null for the root.</param>
    internal async Task<LiteralMap> RunActionAsync(TaskDefinition task, byte[] inputs, string? inputsHash, ActionReport report, CancellationToken runToken)
    {
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        Publish(report, attempt: 0);
        try
        {
            string? cacheKey = CacheKeyOf(task, inputs, inputsHash);
            if (cacheKey is not null && _cache!.TryGet(task.Name, cacheKey) is { } cached)
            {
                if (WritesEveryFile(report))
                {
                    WriteInputs(report, 0, inputs);
                    Layout.WriteOutputs(report.Name, 0, cached);
                }
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
                if (WritesEveryFile(report))
                {
                    WriteInputs(report, attempt, inputs);
                }
                ContainerError error;
                try
                {
                    LiteralMap outputs;
                    if (task.Declaration.IsWorkflow)
                    {
                        // Only tasks take a slot: a workflow mostly waits on its children, and holding a slot could starve them.
                        outputs = await RunAttemptAsync(task, inputs, report, attempt, onThreadPool: false, runToken).ConfigureAwait(false);
                    }
                    else
                    {
                        // The slot is taken here, before the attempt starts, so that a waiting action holds no attempt yet.
                        report.Phase = ActionPhase.WaitingForResources;
                        Publish(report, attempt);
                        var slot = _taskSlots.WaitAsync(runToken);
                        // A slot that was waited for is handed over by Release, and this method then resumes on the thread pool.
                        bool onThreadPool = !slot.IsCompleted;
                        await slot.ConfigureAwait(false);
                        try
                        {
                            outputs = await RunAttemptAsync(task, inputs, report, attempt, onThreadPool, runToken).ConfigureAwait(false);
                        }
                        finally
                        {
                            _taskSlots.Release();
                        }
                    }
                    if (WritesEveryFile(report))
                    {
                        Layout.WriteOutputs(report.Name, attempt, outputs);
                    }
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
                    Fail(report, attempt, inputs, e, ActionPhase.Aborted, ContainerErrors.FromSystem("Aborted", "the run was cancelled"));
                    throw new TaskFailedException(task.Name, report.Name, ActionPhase.Aborted, report.AttemptErrors, e);
                }
                catch (MissingSecretException e)
                {
                    // Another attempt would miss it too.
                    lastError = e;
                    error = ContainerErrors.FromSystem("SecretNotFound", e.Message, recoverable: false);
                    Fail(report, attempt, inputs, e, ActionPhase.Failed, error);
                }
                catch (AttemptTimedOutException e)
                {
                    lastError = e;
                    error = ContainerErrors.FromSystem("TimedOut", e.Message);
                    Fail(report, attempt, inputs, e, ActionPhase.TimedOut, error);
                }
                catch (Exception e)
                {
                    lastError = e;
                    error = ContainerErrors.FromUser(e);
                    Fail(report, attempt, inputs, e, ActionPhase.Failed, error);
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
            report.Duration = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        }
    }

    /// <param name="onThreadPool">Already on the thread pool, off the caller's thread: a task can run here.</param>
    private async Task<LiteralMap> RunAttemptAsync(TaskDefinition task, byte[] inputs, ActionReport report, int attempt, bool onThreadPool, CancellationToken runToken)
    {
        bool isTask = !task.Declaration.IsWorkflow;
        report.Phase = ActionPhase.Running;
        Publish(report, attempt);
        // Only a timeout cancels an attempt on its own; without one the run's token is the attempt's.
        using var attemptCancellation = task.Policy.Timeout is null ? null : CancellationTokenSource.CreateLinkedTokenSource(runToken);
        var attemptToken = attemptCancellation?.Token ?? runToken;
        _fakes.TryGetValue(task.Name, out var fake);
        if (fake is null && _secrets.CheckDeclared(task) is { } missing)
        {
            throw new MissingSecretException(missing);
        }
        var children = new ActionRunner(this, report, attemptToken);
        var received = LiteralMap.Parser.ParseFrom(inputs);
        var run = new LocalAttempt(this, report.Name, attempt, task, fake, received, _secrets, attemptToken, children);
        // A task runs on the thread pool, so that fan-out runs in parallel; a workflow starts on its caller's thread.
        Task<LiteralMap> work = isTask && !onThreadPool ? Task.Run(run.Run) : run.Run();

        try
        {
            LiteralMap outputs;
            if (task.Policy.Timeout is not { } timeout)
            {
                outputs = await work.ConfigureAwait(false);
            }
            else
            {
                try
                {
                    outputs = await work.WaitAsync(timeout, runToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    // The token tells cooperative code to stop; code that ignores it is left behind, as a killed pod would be.
                    attemptCancellation!.Cancel();
                    throw new AttemptTimedOutException(task.Name, timeout);
                }
            }
            // The caller gets the outputs as their bytes say, as it would read them from outputs.pb.
            return LiteralMap.Parser.ParseFrom(outputs.ToByteArray());
        }
        finally
        {
            WriteReport(report, task, attempt, run.ReportIfUsed);
        }
    }

    /// <summary>
    /// The task's cache key, or null when the cache is off or the task is faked: a fake's outputs must neither be replaced
    /// by the real task's cached ones nor stored where a later real run would read them.
    /// </summary>
    private string? CacheKeyOf(TaskDefinition task, byte[] inputs, string? inputsHash) =>
        _cache is null || !task.Policy.Cache || _fakes.ContainsKey(task.Name)
            ? null
            : ChildCalls.CacheKeyOf(task, inputsHash ?? ChildCalls.InputsHashOf(task, LiteralMap.Parser.ParseFrom(inputs)));

    /// <summary>The attempt's report, if the task put anything in it, in the attempt's folder (docs/reports.md).</summary>
    private void WriteReport(ActionReport report, TaskDefinition task, int attempt, TaskReport? taskReport)
    {
        if (taskReport is null || taskReport.IsEmpty)
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
            if (_options.ActionFiles == ActionFiles.All)
            {
                Layout.WriteTraceInputs(call.ActionName, call.Inputs);
                Layout.WriteTraceOutputs(call.ActionName, outputs);
            }
            report.Phase = ActionPhase.Succeeded;
            report.Error = null;
        }
        else
        {
            var error = outcome.Error!;
            Layout.WriteTraceInputs(call.ActionName, call.Inputs);
            Layout.WriteTraceError(call.ActionName, error);
            report.AddAttemptError($"{error.Code}: {error.Message.Split('\n')[0]}");
            report.Error = error.Message;
            report.Phase = ActionPhase.Failed;
        }
        Traces.Record(call.ActionName, new LocalTraces.Recorded(report, outcome.Outputs, outcome.Error));
        Publish(report, attempt: 0);
    }

    private void Fail(ActionReport report, int attempt, byte[] inputs, Exception error, ActionPhase phase, ContainerError containerError)
    {
        report.AddAttemptError(error is AttemptTimedOutException ? error.Message : UserStackTrace.Summary(error));
        report.Error = containerError.Message;
        report.Phase = phase;
        if (!WritesEveryFile(report))
        {
            // A failed attempt leaves what it was given beside its error, so it can be run again.
            WriteInputs(report, attempt, inputs);
        }
        Layout.WriteError(report.Name, attempt, containerError);
        Publish(report, attempt);
    }

    private void WriteInputs(ActionReport report, int attempt, byte[] inputs) =>
        Layout.WriteInputs(report.Name, attempt, LiteralMap.Parser.ParseFrom(inputs));

    /// <summary>Whether every file of this action is written, or only those of its failed attempts (docs/local-runs.md).</summary>
    private bool WritesEveryFile(ActionReport report) => report.Parent is null || _options.ActionFiles == ActionFiles.All;

    internal void Publish(ActionReport report, int attempt) =>
        _options.Progress?.Report(new ActionEvent(report.Name, report.TaskName, report.Parent?.Name, report.Phase, attempt, report.CacheHit, report.Error));
}
