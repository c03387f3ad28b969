namespace Flyte.Generators.Model;

/// <summary>
/// What the parser made of one attributed method: a task (when valid), the version of its code, where it is declared,
/// and its diagnostics.
/// </summary>
/// <param name="CodeVersion">The hash of the method's declaration (docs/task-versions.md); null when the task sets
/// <c>CacheVersion</c> or is invalid. Kept out of <see cref="TaskModel"/> so that only the task's own source depends on
/// its body, not the dispatch table, the records or the interceptors.</param>
/// <param name="Declaration">Null when the method is no valid task.</param>
internal sealed record TaskParseResult(TaskModel? Task, string? CodeVersion, TaskDeclarationInfo? Declaration, EquatableArray<DiagnosticInfo> Diagnostics);
