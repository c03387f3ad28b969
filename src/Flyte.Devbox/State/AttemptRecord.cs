namespace Flyte.Devbox.State;

/// <summary>One attempt of an action: how it ran and how it ended.</summary>
/// <param name="Attempt">The attempt number, as the executor counts them.</param>
/// <param name="Phase">A Flyte ActionPhase number.</param>
/// <param name="ExitCode">The process's exit code, once it has exited.</param>
/// <param name="Error">The serialized ExecutionError of a failed attempt.</param>
public sealed record AttemptRecord(
    ActionKey Action,
    int Attempt,
    int Phase,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    int? ExitCode,
    string LogPath,
    byte[]? Error);
