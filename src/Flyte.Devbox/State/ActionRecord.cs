namespace Flyte.Devbox.State;

/// <summary>
/// A stored action. What it runs (task, spec, inputs, output base, group, cache key) is fixed when it is inserted;
/// the rest (phase onwards) changes through <see cref="DevboxDatabase.UpdateAction"/>.
/// </summary>
/// <param name="ParentName">The action that enqueued this one; null for a run's root action.</param>
/// <param name="TaskVersion">The version of the task id; empty for a task sent by value.</param>
/// <param name="Spec">The serialized TaskSpec.</param>
/// <param name="Phase">A Flyte ActionPhase number (QUEUED 1 … TIMED_OUT 8).</param>
/// <param name="Attempts">How many attempts have started.</param>
/// <param name="Error">The serialized ExecutionError of a failed action.</param>
/// <param name="Revision">
/// Set by the database: the global sequence number of the action's latest change (its latest event). Ignored when
/// inserting or updating.
/// </param>
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
    long Revision);
