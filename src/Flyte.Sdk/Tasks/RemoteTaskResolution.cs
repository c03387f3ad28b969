using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Task;

namespace Flyte.Tasks;

/// <summary>
/// Turns a [RemoteTask] declaration and what the control plane has deployed into the spec to call, or into the one-line
/// <see cref="RemoteTaskException"/> a user can act on. Shared by a0 (at the call) and the CLI (before deploy and run).
/// </summary>
internal static class RemoteTaskResolution
{
    /// <summary>The task name the declaration asks for, in the caller's project and domain unless it names its own.</summary>
    public static TaskName NameOf(RemoteTaskDefinition task, string org, string project, string domain) => new()
    {
        Org = org,
        Project = task.Project ?? project,
        Domain = task.Domain ?? domain,
        Name = task.Name,
    };

    /// <summary>The deployed details when they fit the declaration; else the exception that says why not.</summary>
    public static TaskDetails Check(RemoteTaskDefinition task, TaskName name, TaskDetails? deployed)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (deployed?.Spec?.TaskTemplate is null)
        {
            throw new RemoteTaskException(
                $"{task.MethodName} calls task {task.Name}, which is not deployed{(task.Version is null ? "" : $" at version {task.Version}")} in {name.Project}/{name.Domain}: deploy it first, or correct the name in [RemoteTask]");
        }
        if (RemoteInterfaceCheck.Mismatch(task, deployed.Spec) is { } problem)
        {
            throw new RemoteTaskException(
                $"{task.MethodName} does not match task {task.Name} (version {deployed.TaskId?.Version ?? deployed.Spec.TaskTemplate.Id?.Version} in {name.Project}/{name.Domain}): {problem}; correct the declaration, or write it again with 'flyte generate remote-task {task.Name}'");
        }
        return deployed;
    }

    /// <summary>
    /// The inputs to send: the declared values, then each deployed default the declaration leaves out, in the deployed
    /// interface's order (flyte-sdk's <c>convert_from_native_to_inputs</c> with a remote default kept as stored).
    /// </summary>
    public static LiteralMap CompleteInputs(TaskSpec deployed, LiteralMap declared)
    {
        var defaults = deployed.DefaultInputs.Where(p => p.Parameter?.Default is not null).ToDictionary(p => p.Name, p => p.Parameter.Default, StringComparer.Ordinal);
        var inputs = new LiteralMap();
        foreach (var variable in deployed.TaskTemplate.Interface?.Inputs?.Variables ?? [])
        {
            if (declared.Literals.TryGetValue(variable.Key, out var value) || defaults.TryGetValue(variable.Key, out value))
            {
                inputs.Literals.Add(variable.Key, value);
            }
        }
        return inputs;
    }

    /// <summary>The deployed task's id, as its template states it: the id a child action of it is enqueued with.</summary>
    public static TaskIdentifier IdOf(TaskDetails deployed)
    {
        var id = deployed.Spec.TaskTemplate.Id;
        return id is null
            ? deployed.TaskId
            : new TaskIdentifier { Org = id.Org, Project = id.Project, Domain = id.Domain, Name = id.Name, Version = id.Version };
    }
}
