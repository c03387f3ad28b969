namespace Flyte.Tasks;

/// <summary>
/// What a running task may know about its action. Declare a parameter of this type on a task
/// to receive it (it is injected, not an input); tests may pass their own implementation.
/// </summary>
public interface ITaskContext
{
    string RunName { get; }
    string ActionName { get; }

    /// <summary>0 for the first attempt, 1 for the first retry, …</summary>
    int Attempt { get; }

    /// <summary>Where this attempt writes outputs.pb or error.pb.</summary>
    string OutputPrefix { get; }

    /// <summary>Where this attempt may write large data (files, folders).</summary>
    string RawDataPrefix { get; }
}
