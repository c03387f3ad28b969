namespace Flyte.Generators.Model;

/// <summary>
/// What the parser made of one attributed method: a task (when valid), the version of its code, and its diagnostics.
/// </summary>
/// <param name="CodeVersion">The hash of the method's declaration (docs/task-versions.md); null when the task sets
/// <c>CacheVersion</c> or is invalid. Kept out of <see cref="TaskModel"/> so that only the task's own source depends on
/// its body, not the dispatch table, the records or the interceptors.</param>
internal sealed record TaskParseResult(TaskModel? Task, string? CodeVersion, EquatableArray<DiagnosticInfo> Diagnostics);
