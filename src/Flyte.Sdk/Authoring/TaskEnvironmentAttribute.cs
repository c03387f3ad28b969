namespace Flyte;

/// <summary>
/// Defaults shared by the tasks of a class: the environment name (the first part of every
/// task name), the image, resources and environment variables. A task may override each.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class TaskEnvironmentAttribute : Attribute
{
    public TaskEnvironmentAttribute(string name) => Name = name;

    /// <summary>Matches <c>^[a-z0-9]+([_-][a-z0-9]+)*$</c>.</summary>
    public string Name { get; }

    public string? Description { get; set; }
    public string? Image { get; set; }
    public string? Cpu { get; set; }
    public string? Memory { get; set; }
    public string? Gpu { get; set; }
    public string? Disk { get; set; }
    public string? CpuLimit { get; set; }
    public string? MemoryLimit { get; set; }
    public string[]? Env { get; set; }
    public string[]? Secrets { get; set; }
}
