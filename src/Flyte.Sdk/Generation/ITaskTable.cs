using System.ComponentModel;
using Flyte.Tasks;

namespace Flyte.Generation;

/// <summary>The dispatch table the generator writes for each assembly: every task in it, by name.</summary>
/// <remarks>For the code the Flyte source generator writes, not for direct use: it may change in any release.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ITaskTable
{
    /// <summary>The assembly the tasks are declared in.</summary>
    string AssemblyName { get; }

    /// <summary>Every task of the assembly, built on first use.</summary>
    IReadOnlyList<TaskDefinition> Tasks { get; }

    /// <summary>The [RemoteTask] declarations of the assembly: deployed tasks it calls, which deploy and run check first.</summary>
    /// <remarks>The body serves tables generated before this member existed, and tables of assemblies that declare none.</remarks>
    IReadOnlyList<RemoteTaskDefinition> RemoteTasks => [];

    /// <summary>
    /// The task whose id name (<c>env.function</c>) is <paramref name="name"/>, or null. Generated tables build that task
    /// only, where <see cref="Tasks"/> builds all: a0 runs one task per process, and each task built costs start-up time.
    /// </summary>
    /// <remarks>The body serves tables generated before this member existed, which a newer a0 may still load.</remarks>
    TaskDefinition? Find(string name)
    {
        foreach (TaskDefinition task in Tasks)
        {
            if (task.Name == name)
            {
                return task;
            }
        }
        return null;
    }
}
