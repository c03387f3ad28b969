namespace Flyte.Local;

/// <summary>
/// A task's action ended without outputs: every attempt failed, it timed out, or it was aborted.
/// Thrown where the task was called (so a workflow can catch it) and by the run itself.
/// <see cref="Exception.InnerException"/> is the last attempt's exception, with the user's stack trace.
/// </summary>
public sealed class TaskFailedException : FlyteException
{
    /// <summary>An action that ran here ended without outputs after <paramref name="attemptErrors"/>; <paramref name="lastError"/> is the last attempt's exception.</summary>
    public TaskFailedException(string taskName, string actionName, ActionPhase phase, IReadOnlyList<string> attemptErrors, Exception? lastError)
        : base(Describe(taskName, actionName, phase, attemptErrors), lastError)
    {
        TaskName = taskName;
        ActionName = actionName;
        Phase = phase;
        AttemptErrors = attemptErrors;
    }

    /// <summary>A child action that ran elsewhere (under a control plane) ended without outputs, for the reason it reported.</summary>
    public TaskFailedException(string taskName, string actionName, ActionPhase phase, string errorCode, string errorMessage)
        : this("task", taskName, actionName, phase, errorCode, errorMessage)
    {
    }

    /// <summary>A failure an earlier attempt recorded for a trace ([Trace]), thrown again where the trace is called.</summary>
    internal static TaskFailedException ReplayedTrace(string traceName, string actionName, string errorCode, string errorMessage) =>
        new("trace", traceName, actionName, ActionPhase.Failed, errorCode, errorMessage);

    private TaskFailedException(string noun, string taskName, string actionName, ActionPhase phase, string errorCode, string errorMessage)
        : base($"{noun} {taskName} (action {actionName}) {Verb(phase)}: {errorCode}: {errorMessage}")
    {
        TaskName = taskName;
        ActionName = actionName;
        Phase = phase;
        AttemptErrors = [$"{errorCode}: {errorMessage.Split('\n')[0]}"];
        ErrorCode = errorCode;
    }

    /// <summary>The task that failed.</summary>
    public string TaskName { get; }
    /// <summary>The action that ran it.</summary>
    public string ActionName { get; }
    /// <summary>How the action ended: failed, timed out or aborted.</summary>
    public ActionPhase Phase { get; }

    /// <summary>One line per attempt: the exception type and message.</summary>
    public IReadOnlyList<string> AttemptErrors { get; }

    /// <summary>The error code the failed action reported (its ContainerError code), when it ran under a control plane.</summary>
    public string? ErrorCode { get; }

    private static string Describe(string taskName, string actionName, ActionPhase phase, IReadOnlyList<string> attemptErrors)
    {
        string what = Verb(phase);
        string attempts = attemptErrors.Count == 1 ? "1 attempt" : $"{attemptErrors.Count} attempts";
        var lines = attemptErrors.Select((error, i) => $"  attempt {i}: {error}");
        return $"task {taskName} (action {actionName}) {what} after {attempts}:\n{string.Join("\n", lines)}";
    }

    private static string Verb(ActionPhase phase) => phase switch
    {
        ActionPhase.TimedOut => "timed out",
        ActionPhase.Aborted => "was aborted",
        _ => "failed",
    };
}
