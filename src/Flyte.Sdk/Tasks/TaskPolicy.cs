namespace Flyte.Tasks;

/// <summary>Retries, timeout and cache settings of a task, as the generator read them from its attributes.</summary>
public sealed record TaskPolicy
{
    public int Retries { get; init; }
    public TimeSpan? Timeout { get; init; }
    public bool Cache { get; init; }

    /// <summary>Part of the cache key; bump it to invalidate cached outputs.</summary>
    public string CacheVersion { get; init; } = "";

    public IReadOnlyList<string> CacheIgnoredInputs { get; init; } = [];
    public bool CacheSerialize { get; init; }
    public bool Interruptible { get; init; }
}
