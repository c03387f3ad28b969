namespace Flyte.Local;

/// <summary>One attempt ran longer than the task's timeout.</summary>
public sealed class AttemptTimedOutException : TimeoutException
{
    /// <summary>An attempt of <paramref name="taskName"/> ran past <paramref name="timeout"/>.</summary>
    public AttemptTimedOutException(string taskName, TimeSpan timeout)
        : base($"{taskName} exceeded its timeout of {timeout}")
    {
    }
}
