namespace Flyte;

/// <summary>
/// Throw (or derive from) this to say a failure is transient, worth retrying: the action's
/// error is then marked RECOVERABLE for Flyte. Other exceptions are NON_RECOVERABLE user errors.
/// </summary>
public class RecoverableException : FlyteException
{
    public RecoverableException(string message) : base(message)
    {
    }

    public RecoverableException(string message, Exception inner) : base(message, inner)
    {
    }
}
