using System.ComponentModel;

namespace Flyte.Generation;

/// <summary>Retries, timeout and cache settings of a task, as the generator read them from its attributes.</summary>
/// <remarks>For the code the Flyte source generator writes, not for direct use: it may change in any release.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record TaskPolicy
{
    /// <summary>How many times a failed attempt is retried.</summary>
    public int Retries { get; init; }
    /// <summary>How long an attempt may run; null for no limit.</summary>
    public TimeSpan? Timeout { get; init; }
    /// <summary>Outputs are cached by the task's inputs and <see cref="CacheVersion"/>.</summary>
    public bool Cache { get; init; }

    /// <summary>
    /// The task's <c>metadata.discovery_version</c>, part of its cache keys and child action names: the attribute's
    /// <c>CacheVersion</c>, else a hash of the method's declaration that the generator computes (docs/task-versions.md).
    /// </summary>
    public string CacheVersion { get; init; } = "";

    /// <summary>Inputs left out of the cache key.</summary>
    public IReadOnlyList<string> CacheIgnoredInputs { get; init; } = [];
    /// <summary>Runs with the same cache key wait for one another instead of running at once.</summary>
    public bool CacheSerialize { get; init; }
    /// <summary>The task may run on interruptible (spot) machines.</summary>
    public bool Interruptible { get; init; }
    /// <summary>The task declares that it writes a report (<c>metadata.generates_deck</c>).</summary>
    public bool Report { get; init; }
}
