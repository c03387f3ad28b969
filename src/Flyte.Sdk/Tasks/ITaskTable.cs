namespace Flyte.Tasks;

/// <summary>The dispatch table the generator writes for each assembly: every task in it, by name.</summary>
public interface ITaskTable
{
    /// <summary>The assembly the tasks are declared in.</summary>
    string AssemblyName { get; }

    IReadOnlyList<TaskDefinition> Tasks { get; }
}
