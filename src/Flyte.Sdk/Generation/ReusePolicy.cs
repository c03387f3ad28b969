using System.ComponentModel;

namespace Flyte.Generation;

/// <summary>
/// How the workers of a reusable environment are pooled, as the generator read it from its <see cref="ReusableAttribute"/>:
/// flyte-sdk's <c>ReusePolicy</c> after its normalisation (replicas as a range, both times as durations).
/// </summary>
/// <remarks>For the code the Flyte source generator writes, not for direct use: it may change in any release.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record ReusePolicy
{
    /// <summary>The workers kept while the environment is in use.</summary>
    public required int MinReplicas { get; init; }

    /// <summary>The most workers at once.</summary>
    public required int MaxReplicas { get; init; }

    /// <summary>How many actions one worker runs at once.</summary>
    public required int Concurrency { get; init; }

    /// <summary>How long the whole environment may stay idle before all its workers stop.</summary>
    public required TimeSpan IdleTtl { get; init; }

    /// <summary>How long one worker beyond the minimum may stay idle before it stops.</summary>
    public required TimeSpan ScaledownTtl { get; init; }
}
