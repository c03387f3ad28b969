namespace Flyte.Generators.Model;

/// <summary>What the parser made of one attributed method: a task (when valid) and its diagnostics.</summary>
internal sealed record TaskParseResult(TaskModel? Task, EquatableArray<DiagnosticInfo> Diagnostics);
