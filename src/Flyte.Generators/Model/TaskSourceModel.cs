namespace Flyte.Generators.Model;

/// <summary>What one task's generated file is made from: its model and the version of its code (null when it sets <c>CacheVersion</c>).</summary>
internal sealed record TaskSourceModel(TaskModel Task, string? CodeVersion);
