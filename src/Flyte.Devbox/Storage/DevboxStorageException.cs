namespace Flyte.Devbox.Storage;

/// <summary>
/// The devbox cannot use the storage it was given: a setting is missing or the S3 endpoint or bucket cannot be reached.
/// The message is one line that names what to fix.
/// </summary>
public sealed class DevboxStorageException : Exception
{
    public DevboxStorageException(string message) : base(message)
    {
    }

    public DevboxStorageException(string message, Exception inner) : base(message, inner)
    {
    }
}
