using System.ComponentModel;

namespace Flyte.Generation;

/// <summary>
/// The ambient Flyte context of the running task. Null outside any Flyte engine: then a call to a
/// [Task] method is an ordinary method call. It flows with async calls, so the tasks a workflow
/// fans out with <c>Task.WhenAll</c> all see their parent's runner.
/// </summary>
/// <remarks>For the code the Flyte source generator writes, not for direct use: it may change in any release.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class FlyteContext
{
    /// <summary>The runner and the group of the calls made on this async flow.</summary>
    internal sealed record Ambient(ITaskRunner? Runner, string? Group);

    private static readonly AsyncLocal<Ambient?> State = new();

    /// <summary>The runner of the task running on this async flow; null outside any Flyte engine.</summary>
    public static ITaskRunner? Current => State.Value?.Runner;

    /// <summary>The group (<see cref="FlyteGroup"/>) the calls on this async flow are made in; null outside any.</summary>
    public static string? Group => State.Value?.Group;

    /// <summary>Makes <paramref name="runner"/> current until the returned scope is disposed. A task's calls start in
    /// no group: its caller's group names the caller's children, not the task's own.</summary>
    internal static Scope Enter(ITaskRunner? runner)
    {
        var previous = State.Value;
        State.Value = new Ambient(runner, null);
        return new Scope(previous);
    }

    /// <summary>Makes <paramref name="runner"/>, a trace's scope, current until the scope is disposed. The group stays:
    /// calls inside a trace are made in the group the trace was called in, as in flyte-sdk.</summary>
    internal static Scope EnterTrace(ITaskRunner runner)
    {
        var previous = State.Value;
        State.Value = new Ambient(runner, previous?.Group);
        return new Scope(previous);
    }

    /// <summary>Makes <paramref name="group"/> the group of the calls on this flow until the scope is disposed.</summary>
    internal static Scope EnterGroup(string group)
    {
        var previous = State.Value;
        State.Value = new Ambient(previous?.Runner, group);
        return new Scope(previous);
    }

    internal readonly struct Scope : IDisposable
    {
        private readonly Ambient? _previous;

        internal Scope(Ambient? previous) => _previous = previous;

        public void Dispose() => State.Value = _previous;
    }
}
