using System.Collections.Concurrent;
using Flyte.Devbox.Runs;
using Flyte.Devbox.State;
using Flyte.Devbox.Storage;
using Flyte.Storage;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Task;
using Task = System.Threading.Tasks.Task;
using Google.Protobuf;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Flyte.Devbox.Execution;

/// <summary>
/// Runs queued actions: each attempt takes its share of the machine (<see cref="ResourcePool"/>), is launched with the
/// container contract applied (<see cref="AttemptLaunch"/>), and ends with outputs.pb or error.pb under its output
/// prefix. Cache hits skip the launch; RECOVERABLE failures are retried while the task's retries allow; timeouts and
/// aborts stop the attempt's process tree. Actions still running when the devbox stopped are queued again on start.
/// An attempt of a reusable task (an actor) also takes a place in its environment's worker pool, and runs on one of
/// its workers instead of a process of its own (<see cref="Workers.WorkerPools"/>, docs/workers.md).
/// </summary>
public sealed class ActionExecutor(RunBook runs, IActionLauncher launcher, ResourcePool pool, Workers.WorkerPools workers, DevboxPaths paths, DevboxStorage storage,
    DevboxAddress address, PodVariables podVariables, Secrets.SecretCipher secretCipher, ILogger<ActionExecutor> logger)
    : BackgroundService
{
    private readonly IReadOnlyDictionary<string, string> _attemptVariables = storage.TaskEnvironment
        .Concat(podVariables.Variables)
        .Append(System.Collections.Generic.KeyValuePair.Create(Flyte.Bundles.UnpackedBundleCache.Variable, paths.BundleCache))
        .ToDictionary(variable => variable.Key, variable => variable.Value, StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ActionKey, CancellationTokenSource> _aborts = new();
    private readonly ConcurrentDictionary<ActionKey, Task> _running = new();

    // Held while an action is taken for launch, marked aborted, given a child, or given the phase an attempt ended in:
    // an abort then never misses an action that is about to start, a child that is about to be stored, nor an attempt
    // that ended while the abort was on its way. Token sources are cancelled only after it is left (see Abort).
    private readonly object _launchGate = new();

    /// <summary>
    /// Stops an action and everything under it: a queued one ends ABORTED now, a running one when its process tree has
    /// been killed; its children are stopped the same way.
    /// </summary>
    public void Abort(ActionKey key)
    {
        List<CancellationTokenSource> running = [];
        lock (_launchGate)
        {
            MarkAborted(key, running);
        }
        CancelAll(running);
    }

    /// <summary>
    /// Stops a run: it is marked as being aborted, so that it takes no new actions from now on, and its root action is
    /// stopped with everything under it.
    /// </summary>
    public void AbortRun(RunKey key)
    {
        List<CancellationTokenSource> running = [];
        lock (_launchGate)
        {
            if (runs.Database.GetRun(key) is not { } run || RunBook.IsTerminal(run.Phase))
            {
                return;
            }
            runs.Database.UpdateRun(run with { AbortRequested = true });
            MarkAborted(new ActionKey(key, RunBook.RootActionName), running);
        }
        CancelAll(running);
    }

    /// <summary>
    /// Under the gate: a queued action and its queued children end ABORTED; a running one is marked AbortRequested (the
    /// mark outlives a token that is cancelled too late to be seen) and its token source is collected for cancelling.
    /// </summary>
    private void MarkAborted(ActionKey key, List<CancellationTokenSource> running)
    {
        foreach (var child in runs.Database.ListChildren(key.Run, key.Name))
        {
            if (!RunBook.IsTerminal(child.Phase))
            {
                MarkAborted(child.Key, running);
            }
        }
        if (runs.Database.GetAction(key) is not { } action || RunBook.IsTerminal(action.Phase))
        {
            return;
        }
        if (_aborts.TryGetValue(key, out var abort))
        {
            if (!action.AbortRequested)
            {
                runs.Update(action with { AbortRequested = true });
            }
            running.Add(abort);
            return;
        }
        runs.Update(action with { Phase = (int)ActionPhase.Aborted, AbortRequested = true, EndedAt = DateTimeOffset.UtcNow });
    }

    // Outside the gate: Cancel runs the tokens' callbacks (the launcher's kill) on the caller's thread.
    private static void CancelAll(List<CancellationTokenSource> running)
    {
        foreach (var abort in running)
        {
            abort.Cancel();
        }
    }

    /// <summary>
    /// Stores a child a parent asked for, unless the parent has ended or is being aborted, or the run has ended or is
    /// being aborted: a parent's process may still enqueue in the moment before it is killed, and a child stored then
    /// would run with no one to stop it or wait for it.
    /// </summary>
    /// <returns>Why the child was refused, or null when it was stored; <paramref name="stored"/> is false when it existed already.</returns>
    public string? TryEnqueueChild(ActionRecord child, out bool stored)
    {
        stored = false;
        var parentKey = child.Key with { Name = child.ParentName ?? RunBook.RootActionName };
        lock (_launchGate)
        {
            string? refusal = ChildRefusal(parentKey);
            if (refusal is null)
            {
                stored = runs.TryEnqueue(child);
            }
            return refusal;
        }
    }

    /// <summary>
    /// Stores a trace a running task recorded, by the rules of <see cref="TryEnqueueChild"/> for a new one: refused when
    /// the run or the parent has ended or is being aborted. A name the run already has is decided first, as for a task:
    /// a task of that name is <see cref="TraceRecording.NameIsTask"/>; a trace that did not fail is kept as it is
    /// (recording is idempotent, as upstream); a FAILED trace is replaced by the new record (docs/devbox-traces.md).
    /// Nothing is launched, no slot is taken and the parent keeps its own.
    /// </summary>
    /// <returns>Why the trace was refused, or null when <paramref name="outcome"/> says what became of it.</returns>
    public string? TryRecordTrace(ActionRecord trace, out TraceRecording outcome)
    {
        if (trace.Kind != ActionKind.Trace || trace.ParentName is null)
        {
            throw new ArgumentException($"Action {trace.Key.Name} is not a trace with a parent.", nameof(trace));
        }
        lock (_launchGate)
        {
            var existing = runs.Database.GetAction(trace.Key);
            if (existing is { Kind: ActionKind.Task })
            {
                outcome = TraceRecording.NameIsTask;
                return null;
            }
            if (existing is not null && existing.Phase != (int)ActionPhase.Failed)
            {
                outcome = TraceRecording.Kept;
                return null;
            }
            outcome = TraceRecording.Refused;
            if (ChildRefusal(trace.Key with { Name = trace.ParentName }) is { } refusal)
            {
                return refusal;
            }
            // Every action of an existing run is stored under this gate, so what was read above still holds.
            outcome = existing is null
                ? runs.TryEnqueue(trace) ? TraceRecording.Stored : TraceRecording.Kept
                : runs.ReplaceFailedTrace(trace) is not null ? TraceRecording.Replaced : TraceRecording.Kept;
            return null;
        }
    }

    private string? ChildRefusal(ActionKey parentKey)
    {
        var run = runs.Database.GetRun(parentKey.Run);
        if (run is not null && RunBook.IsTerminal(run.Phase))
        {
            return $"run {parentKey.Run.Name} has ended ({(ActionPhase)run.Phase}); it takes no new actions";
        }
        if (runs.Database.GetAction(parentKey) is { } parent)
        {
            if (parent.AbortRequested || parent.Phase == (int)ActionPhase.Aborted)
            {
                return $"action {parentKey.Name} of run {parentKey.Run.Name} has been aborted; it takes no new children";
            }
            if (RunBook.IsTerminal(parent.Phase))
            {
                return $"action {parentKey.Name} of run {parentKey.Run.Name} has ended ({(ActionPhase)parent.Phase}); it takes no new children";
            }
        }
        return run is { AbortRequested: true } ? $"run {parentKey.Run.Name} is being aborted; it takes no new actions" : null;
    }

    /// <summary>A parent that enqueues a child is waiting on it: it gives back its share of the machine meanwhile.</summary>
    public void ParentIsWaiting(ActionKey parent)
    {
        if (pool.Release(parent.ToString()))
        {
            runs.WakeExecutor();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await address.Known.WaitAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        await StopOrphansAsync(stoppingToken).ConfigureAwait(false);
        RequeueInterrupted();
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var listed in runs.Database.ListActionsInPhases((int)ActionPhase.Queued, (int)ActionPhase.WaitingForResources))
            {
                if (_running.ContainsKey(listed.Key))
                {
                    continue;
                }
                lock (_launchGate)
                {
                    // An abort may have ended it since the list was read; launching the listed copy would undo that.
                    if (runs.Database.GetAction(listed.Key) is not { Phase: (int)ActionPhase.Queued or (int)ActionPhase.WaitingForResources } action)
                    {
                        continue;
                    }
                    if (action.AbortRequested)
                    {
                        runs.Update(action with { Phase = (int)ActionPhase.Aborted, EndedAt = DateTimeOffset.UtcNow });
                        continue;
                    }
                    TaskSpec spec = TaskSpec.Parser.ParseFrom(action.Spec);
                    string holder = action.Key.ToString();
                    // A full worker pool leaves the attempt waiting as a full machine does; an actor spec that cannot be
                    // used takes no place, and fails at launch.
                    bool placed = !workers.CanRunWorkers || !Workers.ActorSpec.TryRead(spec.TaskTemplate, out var actor, out _) || actor is null
                        || workers.TryReserve(holder, action.Key.Run, actor);
                    if (!placed || !pool.TryTake(holder, ResourceRequest.From(spec.TaskTemplate.Container)))
                    {
                        workers.Release(holder);
                        if (action.Phase != (int)ActionPhase.WaitingForResources)
                        {
                            runs.Update(action with { Phase = (int)ActionPhase.WaitingForResources });
                        }
                        continue;
                    }
                    // Registered before the attempt starts: its finally, which removes both, cannot run first.
                    var abort = new CancellationTokenSource();
                    var attempt = new Task<Task>(() => RunAttemptAsync(action, spec, abort.Token, stoppingToken));
                    _aborts[action.Key] = abort;
                    _running[action.Key] = attempt.Unwrap();
                    attempt.Start(TaskScheduler.Default);
                }
            }
            try
            {
                await runs.WaitForWorkAsync(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        await Task.WhenAll(_running.Values).ConfigureAwait(false);
        await workers.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Attempts a devbox that died left running are stopped before their actions run again.</summary>
    private async Task StopOrphansAsync(CancellationToken stoppingToken)
    {
        try
        {
            int stopped = await launcher.StopOrphansAsync(paths.WorkRoot, stoppingToken).ConfigureAwait(false);
            if (stopped > 0)
            {
                logger.LogWarning("stopped {Count} attempts left running by an earlier devbox process on this data folder", stopped);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Re-running is still right; two attempts at once are what the stop avoids, and the log says it could not.
            logger.LogError(e, "could not look for attempts an earlier devbox process left running");
        }
    }

    /// <summary>After a restart nothing is running: what was, runs again (the same attempt, the same output prefix).</summary>
    private void RequeueInterrupted()
    {
        foreach (var action in runs.Database.ListActionsInPhases((int)ActionPhase.Initializing, (int)ActionPhase.Running))
        {
            logger.LogInformation("re-queuing {Action} of run {Run}, interrupted by a restart", action.Key.Name, action.Key.Run.Name);
            runs.Update(action with { Phase = (int)ActionPhase.Queued, Attempts = Math.Max(0, action.Attempts - 1) });
        }
    }

    private async Task RunAttemptAsync(ActionRecord action, TaskSpec spec, CancellationToken abort, CancellationToken stopping)
    {
        try
        {
            if (action.CacheKey is { } cacheKey && runs.Database.GetCachedOutputs(cacheKey) is { } cachedOutputs)
            {
                var now = DateTimeOffset.UtcNow;
                lock (_launchGate)
                {
                    var latest = runs.Database.GetAction(action.Key) ?? action;
                    runs.Update(latest with { Phase = (int)ActionPhase.Succeeded, OutputUri = cachedOutputs, CacheHit = true, StartedAt = action.StartedAt ?? now, EndedAt = now });
                }
                return;
            }
            await LaunchAsync(action, spec, abort, stopping).ConfigureAwait(false);
        }
        catch (Exception e) when (!stopping.IsCancellationRequested)
        {
            logger.LogError(e, "the executor failed on {Action} of run {Run}", action.Key.Name, action.Key.Run.Name);
            lock (_launchGate)
            {
                var current = runs.Database.GetAction(action.Key) ?? action;
                runs.Update(current with
                {
                    Phase = (int)ActionPhase.Failed,
                    Error = SystemError("ExecutorFailed", e.Message).ToByteArray(),
                    EndedAt = DateTimeOffset.UtcNow,
                });
            }
        }
        finally
        {
            pool.Release(action.Key.ToString());
            workers.Release(action.Key.ToString());
            lock (_launchGate)
            {
                // The source is not disposed: an Abort that collected it may cancel it after leaving the gate. It has
                // no timer and no links, so there is nothing to free.
                _aborts.TryRemove(action.Key, out _);
                _running.TryRemove(action.Key, out _);
            }
            runs.WakeExecutor();
        }
    }

    private async Task LaunchAsync(ActionRecord action, TaskSpec spec, CancellationToken abort, CancellationToken stopping)
    {
        int attempt = action.Attempts;
        var run = runs.Database.GetRun(action.Key.Run);
        var started = DateTimeOffset.UtcNow;
        lock (_launchGate)
        {
            // The latest record: an abort may have marked it since it was taken for launch.
            var latest = runs.Database.GetAction(action.Key) ?? action;
            action = runs.Update(latest with { Phase = (int)ActionPhase.Running, Attempts = attempt + 1, StartedAt = action.StartedAt ?? started });
        }
        string logPath = paths.AttemptLog(action.Key, attempt);
        runs.Database.RecordAttempt(new AttemptRecord(action.Key, attempt, (int)ActionPhase.Running, started, null, null, logPath, null));

        var identifier = ToIdentifier(action.Key);
        // The task's declared secrets, as variables of this attempt only; never logged. A missing one fails the attempt
        // before anything runs: another attempt would miss it too.
        var secrets = Secrets.AttemptSecrets.Resolve(spec, action.Key.Run, runs.Database, secretCipher);
        Workers.ActorSpec.TryRead(spec.TaskTemplate, out _, out string? actorProblem);
        string? problem = actorProblem ?? secrets.Problem ?? secrets.Variables.Keys.Where(_attemptVariables.ContainsKey).Select(name =>
            $"a secret of {action.TaskName} is the variable {name}, which the devbox sets itself; declare the secret under another name").FirstOrDefault();
        var variables = secrets.Variables.Count == 0 || problem is not null ? _attemptVariables
            : _attemptVariables.Concat(secrets.Variables).ToDictionary(variable => variable.Key, variable => variable.Value, StringComparer.Ordinal);
        var request = AttemptLaunch.Create(spec, identifier, action.InputUri, action.RunOutputBase, attempt,
            (run is null ? started : Services.RunStarter.StartTimeOf(run)), address.Value, paths.AttemptWorkingDirectory(action.Key, attempt), logPath, variables);
        string outputPrefix = AttemptLaunch.OutputPrefix(action.RunOutputBase, action.Key.Name, attempt);
        if (problem is not null)
        {
            lock (_launchGate)
            {
                var latest = runs.Database.GetAction(action.Key) ?? action;
                byte[] error = SystemError(actorProblem is null ? "SecretNotFound" : "BadActorSpec", problem).ToByteArray();
                runs.Database.RecordAttempt(new AttemptRecord(action.Key, attempt, (int)ActionPhase.Failed, started, DateTimeOffset.UtcNow, null, logPath, error));
                runs.Update(latest with { Phase = (int)ActionPhase.Failed, OutputUri = outputPrefix, Error = error, EndedAt = DateTimeOffset.UtcNow });
            }
            return;
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(abort, stopping);
        if (spec.TaskTemplate.Metadata?.Timeout is { } timeout)
        {
            limit.CancelAfter(timeout.ToTimeSpan());
        }

        LaunchResult? launched = null;
        ActionPhase? stoppedAs = null;
        try
        {
            string holder = action.Key.ToString();
            launched = workers.Holds(holder)
                ? await workers.RunAsync(holder, AttemptLaunch.WorkerTemplate(spec, address.Value, _attemptVariables), request, limit.Token).ConfigureAwait(false)
                : await launcher.RunAsync(request, limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The devbox is stopping: the action stays RUNNING in the database and runs again on the next start.
            return;
        }
        catch (OperationCanceledException)
        {
            stoppedAs = abort.IsCancellationRequested ? ActionPhase.Aborted : ActionPhase.TimedOut;
        }

        var ended = DateTimeOffset.UtcNow;
        AttemptFailure? failure = stoppedAs switch
        {
            ActionPhase.Aborted => AbortedFailure(),
            ActionPhase.TimedOut => new(SystemError("TimedOut", $"the attempt ran longer than its timeout of {spec.TaskTemplate.Metadata!.Timeout.ToTimeSpan()}"), Recoverable: true),
            _ => await ReadFailureAsync(outputPrefix, launched!, request.Limits, logPath).ConfigureAwait(false),
        };
        int retries = (int)(spec.TaskTemplate.Metadata?.Retries?.Retries ?? 0);
        lock (_launchGate)
        {
            // An abort that came after the launcher returned (while the outputs were read) is seen here: by the token,
            // or by the mark when the token was not cancelled yet. Without it a retryable failure would run again.
            var latest = runs.Database.GetAction(action.Key) ?? action;
            if (abort.IsCancellationRequested || latest.AbortRequested)
            {
                stoppedAs = ActionPhase.Aborted;
                failure = AbortedFailure();
            }
            ActionPhase attemptPhase = failure is null ? ActionPhase.Succeeded : stoppedAs ?? ActionPhase.Failed;
            ActionPhase phase = failure is { Recoverable: true } && attempt < retries ? ActionPhase.Queued : attemptPhase;
            byte[]? error = failure?.Error.ToByteArray();
            runs.Database.RecordAttempt(new AttemptRecord(action.Key, attempt, (int)attemptPhase, started, ended, launched?.ExitCode, logPath, error));

            if (phase == ActionPhase.Succeeded && action.CacheKey is { } cacheKey)
            {
                runs.Database.PutCachedOutputs(cacheKey, action.TaskName, outputPrefix);
            }
            runs.Update(latest with
            {
                Phase = (int)phase,
                OutputUri = outputPrefix,
                Error = error,
                EndedAt = RunBook.IsTerminal(phase) ? ended : null,
            });
        }
    }

    /// <summary>Why an attempt failed, and whether another attempt may help (the ContainerError's kind).</summary>
    private sealed record AttemptFailure(ExecutionError Error, bool Recoverable);

    private static AttemptFailure AbortedFailure() => new(SystemError("Aborted", "the action was aborted"), Recoverable: false);

    /// <summary>Null when outputs.pb is there; the error of error.pb; or a SYSTEM error when a0 left neither.</summary>
    private async Task<AttemptFailure?> ReadFailureAsync(string outputPrefix, LaunchResult launched, ResourceRequest limits, string logPath)
    {
        if (await storage.ExistsAsync(ProtoObjects.Join(outputPrefix, "outputs.pb"), CancellationToken.None).ConfigureAwait(false))
        {
            return null;
        }
        string errorUri = ProtoObjects.Join(outputPrefix, "error.pb");
        if (await storage.ExistsAsync(errorUri, CancellationToken.None).ConfigureAwait(false))
        {
            var container = (await storage.ReadAsync(errorUri, ErrorDocument.Parser, CancellationToken.None).ConfigureAwait(false)).Error;
            var error = new ExecutionError
            {
                Code = container.Code,
                Message = container.Message,
                Kind = container.Origin == ExecutionError.Types.ErrorKind.User ? ExecutionError.Types.ErrorKind.User : ExecutionError.Types.ErrorKind.System,
                ErrorUri = errorUri,
            };
            return new AttemptFailure(error, container.Kind == ContainerError.Types.Kind.Recoverable);
        }
        // A crash (killed, out of memory, a worker lost) is the machine's failure, not the task's: worth another attempt,
        // which a reusable task makes on another worker (the lost one has left its pool).
        if (launched.LostWorker is { } lost)
        {
            return new AttemptFailure(SystemError("WorkerLost", lost), Recoverable: true);
        }
        return launched.KilledForMemory
            ? new AttemptFailure(SystemError("OOMKilled", $"the attempt was killed for using more than its memory limit of {limits.MemoryBytes} bytes; see its log {logPath}"), Recoverable: true)
            : new AttemptFailure(SystemError("NoResult", $"a0 exited with code {launched.ExitCode} without writing outputs.pb or error.pb; see its log {logPath}"), Recoverable: true);
    }

    private static ExecutionError SystemError(string code, string message) => new()
    {
        Code = code,
        Message = message,
        Kind = ExecutionError.Types.ErrorKind.System,
    };

    public static ActionIdentifier ToIdentifier(ActionKey key) => new()
    {
        Run = new RunIdentifier { Org = key.Run.Org, Project = key.Run.Project, Domain = key.Run.Domain, Name = key.Run.Name },
        Name = key.Name,
    };
}
