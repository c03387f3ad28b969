namespace Flyte.Benchmarks;

public enum Stage { Raw, Clean, Final }

/// <summary>A record with ten fields of the common kinds.</summary>
public sealed record Observation(
    int Id,
    long Timestamp,
    double Value,
    float Weight,
    bool Valid,
    string Name,
    string? Note,
    Stage Stage,
    DateTime TakenAt,
    Guid Source);

/// <summary>The record and the list, together: what the baseline serializes as one JSON document.</summary>
public sealed record Payload(Observation Observation, List<int> Values);

public static class SampleData
{
    public static Observation Observation { get; } = new(
        42, 1_764_000_000_000, 3.14159, 0.5f, true, "sensor-7", "calibrated", Stage.Clean,
        new DateTime(2026, 11, 27, 20, 0, 0, DateTimeKind.Utc), Guid.Parse("6f1c8e52-2f55-4d0e-9a53-1b5d0c2f7a11"));

    public static List<int> Values { get; } = Enumerable.Range(0, 1000).ToList();
}
