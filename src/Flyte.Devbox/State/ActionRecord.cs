namespace Flyte.Devbox.State;

/// <summary>
/// A stored action. What it runs (task, spec, inputs, output base, group, cache key) is fixed when it is inserted;
/// the rest (phase onwards) changes through <see cref="DevboxDatabase.UpdateAction"/>. A trace is stored finished, and
/// a failed one may be replaced whole by a new record of it (<see cref="DevboxDatabase.ReplaceFailedTrace"/>).
/// </summary>
/// <param name="TaskName">The task's name; for a trace, the traced function's name (TraceAction.name).</param>
/// <param name="ParentName">The action that enqueued this one; null for a run's root action.</param>
/// <param name="TaskVersion">The version of the task id; empty for a task sent by value.</param>
/// <param name="Spec">The serialized TaskSpec; for a trace, the serialized TraceAction as it was enqueued.</param>
/// <param name="Phase">A Flyte ActionPhase number (QUEUED 1 … TIMED_OUT 8).</param>
/// <param name="Attempts">How many attempts have started; always 1 for a trace.</param>
/// <param name="OutputUri">
/// For a task, the output prefix of its latest attempt (outputs.pb lies in it); for a trace, the full path of its
/// outputs.pb, or null when it has none. Read outputs through <c>ActionOutputs.File</c>, which knows the difference.
/// </param>
/// <param name="Error">The serialized ExecutionError of a failed action.</param>
/// <param name="Revision">
/// Set by the database: the global sequence number of the action's latest change (its latest event). Ignored when
/// inserting or updating.
/// </param>
/// <param name="Trigger">For a run's root action, the trigger that started the run (schema version 4); null otherwise.</param>
/// <param name="Kind">A task, or a trace recorded by a running task (stored in the kind column since schema version 3).</param>
public sealed record ActionRecord(
    ActionKey Key,
    string? ParentName,
    string TaskName,
    string TaskVersion,
    byte[] Spec,
    string InputUri,
    string RunOutputBase,
    string? Group,
    string? CacheKey,
    int Phase,
    int Attempts,
    string? OutputUri,
    byte[]? Error,
    bool CacheHit,
    bool AbortRequested,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    long Revision,
    ActionKind Kind = ActionKind.Task,
    RunTrigger? Trigger = null);
