namespace Flyte;

/// <summary>
/// The base of the exceptions Flyte throws to task code and to programs that run tasks: a task that failed, a literal of
/// the wrong shape, a control plane that refused, a sign-in that failed. Catch it to handle any of them; its message is
/// one line that says what went wrong and how to fix it.
/// </summary>
public abstract class FlyteException : Exception
{
    /// <summary>An exception with <paramref name="message"/>.</summary>
    protected FlyteException(string message)
        : base(message)
    {
    }

    /// <summary>An exception with <paramref name="message"/>, caused by <paramref name="innerException"/>.</summary>
    protected FlyteException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
