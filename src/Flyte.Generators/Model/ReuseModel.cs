namespace Flyte.Generators.Model;

/// <summary>A reusable environment's pool, from the class's [Reusable] after its defaults were applied (flyte-sdk's
/// ReusePolicy after <c>__post_init__</c>).</summary>
internal sealed record ReuseModel(int MinReplicas, int MaxReplicas, int Concurrency, long IdleTtlMilliseconds, long ScaledownTtlMilliseconds);
