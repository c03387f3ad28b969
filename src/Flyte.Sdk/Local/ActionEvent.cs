namespace Flyte.Local;

/// <summary>One phase change of one action in a local run.</summary>
public sealed record ActionEvent(string ActionName, string TaskName, string? ParentActionName, ActionPhase Phase, int Attempt, bool CacheHit, string? Error);
