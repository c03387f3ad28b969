namespace Flyte.Generators.Model;

/// <summary>One call site of a task method that the generator routes to the Flyte context.</summary>
internal sealed record InterceptModel(int Version, string Data, string DisplayLocation, TaskModel Task);
