namespace Flyte;

/// <summary>
/// Throw (or derive from) this to say a failure is transient, worth retrying: the action's
/// error is then marked RECOVERABLE for Flyte. Other exceptions are NON_RECOVERABLE user errors.
/// </summary>
public class RecoverableException : FlyteException
{
    /// <summary>A transient failure described by <paramref name="message"/>.</summary>
    public RecoverableException(string message) : base(message)
    {
    }

    /// <summary>A transient failure described by <paramref name="message"/>, caused by <paramref name="inner"/>.</summary>
    public RecoverableException(string message, Exception inner) : base(message, inner)
    {
    }
}
