namespace Flyte;

/// <summary>
/// Declares a task someone else deployed, in any language, so that a workflow can call it like its own tasks, typed, as
/// flyte-sdk's <c>flyte.remote.Task.get</c> does. Put it on a <c>static partial</c> method without a body that returns
/// <see cref="System.Threading.Tasks.Task"/> or <see cref="System.Threading.Tasks.Task{TResult}"/>; the Flyte source
/// generator writes the body. Parameter names are the deployed task's input names; the result is its output <c>o0</c>.
/// </summary>
/// <remarks>
/// A call runs the deployed task as a child action of the calling task, on a devbox or a cluster: the spec is fetched
/// from the control plane by name (at <see cref="Version"/>, else the newest version) and enqueued unchanged. The call
/// fails with one line when the declaration does not match the deployed interface; <c>flyte deploy</c> and
/// <c>flyte run</c> check every declaration before they start anything, and <c>flyte generate remote-task NAME</c>
/// writes a declaration from the deployed interface. A local run cannot call a remote task. See docs/remote-tasks.md.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class RemoteTaskAttribute : Attribute
{
    /// <summary>Declares the deployed task <paramref name="name"/> (<c>environment.function</c>, e.g. <c>ml.train</c>).</summary>
    public RemoteTaskAttribute(string name) => Name = name;

    /// <summary>The deployed task's name, <c>environment.function</c>.</summary>
    public string Name { get; }

    /// <summary>The version to call; unset for the newest version deployed.</summary>
    public string? Version { get; set; }

    /// <summary>The project the task is deployed in; unset for the calling run's project.</summary>
    public string? Project { get; set; }

    /// <summary>The domain the task is deployed in; unset for the calling run's domain.</summary>
    public string? Domain { get; set; }
}
