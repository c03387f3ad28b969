namespace Flyte.Devbox.Execution.Workers;

/// <summary>What every worker of a pool is started with: the task's image and limits, and the variables an attempt
/// would get that are not the attempt's own (AttemptLaunch.WorkerEnvironment).</summary>
public sealed record WorkerTemplate(string Image, ResourceRequest Limits, IReadOnlyDictionary<string, string> Environment);
