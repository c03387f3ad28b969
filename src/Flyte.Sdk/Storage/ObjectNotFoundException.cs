namespace Flyte.Storage;

/// <summary>An object that was asked for does not exist.</summary>
public sealed class ObjectNotFoundException : IOException
{
    public ObjectNotFoundException(string uri, Exception? innerException = null)
        : base($"Object not found: {uri}", innerException)
    {
        Uri = uri;
    }

    public string Uri { get; }
}
