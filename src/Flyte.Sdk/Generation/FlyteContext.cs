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
    private static readonly AsyncLocal<ITaskRunner?> CurrentRunner = new();

    /// <summary>The runner of the task running on this async flow; null outside any Flyte engine.</summary>
    public static ITaskRunner? Current => CurrentRunner.Value;

    /// <summary>Makes <paramref name="runner"/> current until the returned scope is disposed.</summary>
    internal static Scope Enter(ITaskRunner? runner)
    {
        var previous = CurrentRunner.Value;
        CurrentRunner.Value = runner;
        return new Scope(previous);
    }

    internal readonly struct Scope : IDisposable
    {
        private readonly ITaskRunner? _previous;

        internal Scope(ITaskRunner? previous) => _previous = previous;

        public void Dispose() => CurrentRunner.Value = _previous;
    }
}
