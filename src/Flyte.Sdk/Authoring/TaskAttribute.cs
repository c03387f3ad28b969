namespace Flyte;

/// <summary>
/// Marks a static method of a <c>partial</c> class as a Flyte task. The generator turns it, at
/// compile time, into a task spec, literal converters and an entry in the assembly's dispatch table.
/// Calling the method from another task or workflow runs it as a Flyte action; outside a Flyte
/// context (a unit test) the call is an ordinary method call.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class TaskAttribute : TaskOptionsAttribute
{
}
