namespace Flyte.Devbox.State;

/// <summary>A stored run. Its root action (<c>a0</c>) is stored beside it in the actions table.</summary>
/// <param name="Phase">A Flyte ActionPhase number (QUEUED 1 … TIMED_OUT 8).</param>
/// <param name="InputsUri">Where the run's inputs are (inputs.pb).</param>
/// <param name="RunBase">The base of every file the run's actions write.</param>
/// <param name="Spec">The serialized RunSpec the run was created with, if any.</param>
/// <param name="StartTime">When the run starts for its tasks, if not its creation time: a trigger's scheduled time (schema version 4).</param>
public sealed record RunRecord(
    RunKey Key,
    DateTimeOffset CreatedAt,
    string RootTaskName,
    int Phase,
    string InputsUri,
    string RunBase,
    DateTimeOffset? EndedAt,
    bool AbortRequested,
    byte[]? Spec,
    DateTimeOffset? StartTime = null);
