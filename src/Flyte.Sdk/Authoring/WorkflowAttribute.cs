namespace Flyte;

/// <summary>
/// Marks a task that orchestrates other tasks. Flyte 2 has no static DAG: loops, if/else,
/// try/catch and <c>Task.WhenAll</c> are the control flow, and each task it calls becomes a
/// child action of the run.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class WorkflowAttribute : TaskOptionsAttribute
{
}
