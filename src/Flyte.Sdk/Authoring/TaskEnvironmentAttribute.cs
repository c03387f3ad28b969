namespace Flyte;

/// <summary>
/// Defaults shared by the tasks of a class: the environment name (the first part of every
/// task name), the image, resources and environment variables. A task may override each.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class TaskEnvironmentAttribute : Attribute
{
    /// <summary>Names the environment: the first part of the name of every task in the class.</summary>
    public TaskEnvironmentAttribute(string name) => Name = name;

    /// <summary>Matches <c>^[a-z0-9]+([_-][a-z0-9]+)*$</c>.</summary>
    public string Name { get; }

    /// <summary>What the environment is for, shown with its tasks.</summary>
    public string? Description { get; set; }
    /// <summary>The image the tasks run in, unless a task names its own; null for the image pushed for the build, else the default.</summary>
    public string? Image { get; set; }
    /// <summary>The CPU each task requests, as a Kubernetes quantity (<c>"500m"</c>, <c>"2"</c>).</summary>
    public string? Cpu { get; set; }
    /// <summary>The memory each task requests, as a Kubernetes quantity (<c>"512Mi"</c>, <c>"2Gi"</c>).</summary>
    public string? Memory { get; set; }
    /// <summary>The GPUs each task requests (<c>"1"</c>).</summary>
    public string? Gpu { get; set; }
    /// <summary>The ephemeral storage each task requests, as a Kubernetes quantity.</summary>
    public string? Disk { get; set; }
    /// <summary>The most CPU a task may use, as a Kubernetes quantity.</summary>
    public string? CpuLimit { get; set; }
    /// <summary>The most memory a task may use, as a Kubernetes quantity.</summary>
    public string? MemoryLimit { get; set; }
    /// <summary>Environment variables of every task, each <c>"NAME=value"</c>.</summary>
    public string[]? Env { get; set; }
    /// <summary>Secrets every task reads, each <c>"group/key"</c> (or <c>"key"</c>), mounted as environment variables.</summary>
    public string[]? Secrets { get; set; }
}
