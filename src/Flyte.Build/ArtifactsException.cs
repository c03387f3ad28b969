namespace Flyte.Build;

/// <summary>Why the artifacts of an assembly cannot be written, in words that say what to change.</summary>
internal sealed class ArtifactsException : Exception
{
    public ArtifactsException(string message) : base(message)
    {
    }

    public ArtifactsException(string message, Exception inner) : base(message, inner)
    {
    }
}
