namespace Flyte;

/// <summary>
/// Makes the class's environment reusable, as flyte-sdk's <c>TaskEnvironment(reusable=ReusePolicy(...))</c> does: its
/// actions run on long-lived workers, each of which loads the code once and then runs many actions, instead of a
/// fresh process or container per action. Static state is shared by the actions a worker runs (docs/workers.md).
/// Every value is read at compile time by the Flyte generator; invalid values are compile errors (FLY018).
/// </summary>
/// <example>
/// <code>
/// [TaskEnvironment("embeddings")]
/// [Reusable(Replicas = 2, MinReplicas = 1, IdleTtl = "5m", Concurrency = 4)]
/// public static partial class Embeddings { ... }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ReusableAttribute : Attribute
{
    /// <summary>The most workers the environment runs at once (1 or more); flyte-sdk's default is 2.</summary>
    public int Replicas { get; set; } = 2;

    /// <summary>
    /// The workers kept while the environment is in use (0 to <see cref="Replicas"/>). Unset, it equals
    /// <see cref="Replicas"/>: a fixed number of workers, as flyte-sdk's <c>replicas=n</c>.
    /// </summary>
    public int MinReplicas { get; set; }

    /// <summary>
    /// How long the whole environment may stay idle before all its workers stop: <c>30s</c>, <c>5m</c>, <c>1h</c>, or
    /// <c>[d.]hh:mm:ss</c>; at least 30 seconds, as flyte-sdk requires. Default <c>30s</c>.
    /// </summary>
    public string? IdleTtl { get; set; }

    /// <summary>
    /// How long one worker beyond <see cref="MinReplicas"/> may stay idle before it stops; at least 30 seconds.
    /// Default <c>30s</c>.
    /// </summary>
    public string? ScaledownTtl { get; set; }

    /// <summary>How many actions one worker runs at once (1 or more). Default 1.</summary>
    public int Concurrency { get; set; } = 1;
}
