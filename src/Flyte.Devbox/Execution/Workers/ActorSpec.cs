using System.Globalization;
using Flyteidl2.Core;
using Google.Protobuf.WellKnownTypes;

namespace Flyte.Devbox.Execution.Workers;

/// <summary>
/// A reusable task's pool, read from its template as flyte-sdk's <c>add_reusable</c> writes it (docs/workers.md, The
/// wire form): type <c>actor</c>, and in <c>custom</c> the environment's name, the version that tells its pools apart,
/// and the spec's counts and TTLs. A TTL that is null means the workers are never stopped for it.
/// </summary>
public sealed record ActorSpec(string Name, string Version, int MinReplicas, int MaxReplicas, int Parallelism, TimeSpan? IdleTtl, TimeSpan? ScaledownTtl)
{
    public const string TaskType = "actor";

    /// <summary>False for a task that is not an actor; true with the spec, or with <paramref name="problem"/> when its custom
    /// config cannot be used.</summary>
    public static bool TryRead(TaskTemplate template, out ActorSpec? actor, out string? problem)
    {
        actor = null;
        problem = null;
        if (template.Type != TaskType)
        {
            return false;
        }
        var custom = template.Custom?.Fields;
        var spec = custom is not null && custom.TryGetValue("spec", out var value) && value.KindCase == Value.KindOneofCase.StructValue
            ? value.StructValue.Fields
            : null;
        string? name = custom is null ? null : Text(custom, "name");
        string? version = custom is null ? null : Text(custom, "version");
        if (spec is null || string.IsNullOrEmpty(name) || string.IsNullOrEmpty(version))
        {
            problem = $"{template.Id?.Name} is an actor task whose custom config has no name, version and spec, as flyte-sdk's add_reusable writes them";
            return true;
        }
        int? parallelism = Count(spec, "parallelism");
        int? min = Count(spec, "min_replica_count");
        int? max = Count(spec, "replica_count");
        if (parallelism is not > 0 || max is not > 0 || min is null || min < 0 || min > max)
        {
            problem = $"{template.Id?.Name} is an actor task whose spec needs a parallelism and a replica_count of 1 or more, and a min_replica_count from 0 to replica_count";
            return true;
        }
        actor = new ActorSpec(name, version, min.Value, max.Value, parallelism.Value, Seconds(spec, "ttl_seconds"), Seconds(spec, "scaledown_ttl_seconds"));
        return true;
    }

    private static string? Text(IDictionary<string, Value> fields, string name) =>
        fields.TryGetValue(name, out var value) && value.KindCase == Value.KindOneofCase.StringValue ? value.StringValue : null;

    private static int? Count(IDictionary<string, Value> fields, string name) =>
        fields.TryGetValue(name, out var value) && value.KindCase == Value.KindOneofCase.NumberValue
        && value.NumberValue == Math.Floor(value.NumberValue) && value.NumberValue is >= 0 and <= int.MaxValue
            ? (int)value.NumberValue
            : null;

    private static TimeSpan? Seconds(IDictionary<string, Value> fields, string name) =>
        fields.TryGetValue(name, out var value) && value.KindCase == Value.KindOneofCase.NumberValue && value.NumberValue > 0
            ? TimeSpan.FromSeconds(value.NumberValue)
            : null;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name} {Version} ({MinReplicas}-{MaxReplicas} workers of {Parallelism}, idle TTL {IdleTtl?.ToString() ?? "none"}, scale-down TTL {ScaledownTtl?.ToString() ?? "none"})");
}
