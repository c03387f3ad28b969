namespace Flyte.Tasks;

/// <summary>Retries, timeout and cache settings of a task, as the generator read them from its attributes.</summary>
public sealed record TaskPolicy
{
    public int Retries { get; init; }
    public TimeSpan? Timeout { get; init; }
    public bool Cache { get; init; }

    /// <summary>
    /// The task's <c>metadata.discovery_version</c>, part of its cache keys and child action names: the attribute's
    /// <c>CacheVersion</c>, else a hash of the method's declaration that the generator computes (docs/task-versions.md).
    /// </summary>
    public string CacheVersion { get; init; } = "";

    public IReadOnlyList<string> CacheIgnoredInputs { get; init; } = [];
    public bool CacheSerialize { get; init; }
    public bool Interruptible { get; init; }
}
