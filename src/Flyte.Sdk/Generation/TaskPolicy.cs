using System.ComponentModel;

namespace Flyte.Generation;

/// <summary>Retries, timeout and cache settings of a task, as the generator read them from its attributes.</summary>
/// <remarks>For the code the Flyte source generator writes, not for direct use: it may change in any release.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
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
