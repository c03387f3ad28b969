namespace Samples;

/// <summary>One temperature reading: travels between tasks as a Flyte STRUCT (msgpack).</summary>
public sealed record Reading(string Sensor, double Celsius, DateTime TakenAt);

/// <summary>What one sensor saw.</summary>
public sealed record SensorSummary(string Sensor, int Count, double Mean, double Max);
