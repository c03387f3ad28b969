namespace Flyte.Storage;

/// <summary>An object that was asked for does not exist.</summary>
public sealed class ObjectNotFoundException : IOException
{
    /// <summary>No object exists at <paramref name="uri"/>.</summary>
    public ObjectNotFoundException(string uri, Exception? innerException = null)
        : base($"Object not found: {uri}", innerException)
    {
        Uri = uri;
    }

    /// <summary>The object that does not exist.</summary>
    public string Uri { get; }
}
