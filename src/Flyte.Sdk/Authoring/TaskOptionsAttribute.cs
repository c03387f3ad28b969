namespace Flyte;

/// <summary>
/// Options shared by <see cref="TaskAttribute"/> and <see cref="WorkflowAttribute"/>.
/// Every value is read at compile time by the Flyte generator; invalid values are compile errors.
/// </summary>
public abstract class TaskOptionsAttribute : Attribute
{
    /// <summary>Overrides the function part of the task name (default: the method name).</summary>
    public string? Name { get; set; }

    /// <summary>Free text shown in the Flyte UI.</summary>
    public string? Description { get; set; }

    /// <summary>
    /// How many times a failed attempt is retried (0 or more): only a recoverable failure, a
    /// <see cref="RecoverableException"/> or a timeout; any other exception fails the action at once.
    /// </summary>
    public int Retries { get; set; }

    /// <summary>
    /// Maximum duration of one attempt: <c>500ms</c>, <c>90s</c>, <c>5m</c>, <c>1h</c>, <c>1d</c>, or <c>[d.]hh:mm:ss[.fff]</c>.
    /// A bare number is a compile error (it has no unit).
    /// </summary>
    public string? Timeout { get; set; }

    /// <summary>Reuse outputs of an earlier run with the same inputs.</summary>
    public bool Cache { get; set; }

    /// <summary>
    /// The version cached outputs and child action names are keyed on. Unset, it is a hash of the method's declaration
    /// (attributes, signature and body, without comments or whitespace), so an edited task gets fresh cache keys; set it to
    /// keep serving earlier outputs across edits, and bump it to invalidate them.
    /// </summary>
    public string? CacheVersion { get; set; }

    /// <summary>Parameter names left out of the cache key.</summary>
    public string[]? CacheIgnoredInputs { get; set; }

    /// <summary>Let only one attempt with the same cache key run at a time.</summary>
    public bool CacheSerialize { get; set; }

    /// <summary>CPU request, as Kubernetes quantities: <c>1</c>, <c>500m</c>.</summary>
    public string? Cpu { get; set; }

    /// <summary>Memory request: <c>512Mi</c>, <c>2Gi</c>.</summary>
    public string? Memory { get; set; }

    /// <summary>GPU count: <c>1</c>. Like flyte-sdk, GPUs and disk are requests only (Kubernetes sets the limit).</summary>
    public string? Gpu { get; set; }

    /// <summary>Ephemeral storage request: <c>10Gi</c>.</summary>
    public string? Disk { get; set; }

    /// <summary>CPU limit (defaults to no limit).</summary>
    public string? CpuLimit { get; set; }

    /// <summary>Memory limit (defaults to no limit).</summary>
    public string? MemoryLimit { get; set; }

    /// <summary>Container image for this task; overrides the environment's image.</summary>
    public string? Image { get; set; }

    /// <summary>Environment variables as <c>NAME=value</c>; added to the environment's.</summary>
    public string[]? Env { get; set; }

    /// <summary>Secrets mounted as environment variables, as <c>key</c> or <c>group/key</c>.</summary>
    public string[]? Secrets { get; set; }

    /// <summary>Whether the task may run on interruptible (spot) machines.</summary>
    public bool Interruptible { get; set; }

    /// <summary>The task writes an HTML report through <c>ITaskContext.Report</c>: registered as
    /// flyte-sdk's <c>report=True</c> (<c>metadata.generates_deck</c>), so consoles offer it. A report is written
    /// whenever a task puts something in it, this set or not.</summary>
    public bool Report { get; set; }
}
