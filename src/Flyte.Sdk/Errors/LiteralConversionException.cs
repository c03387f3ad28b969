namespace Flyte;

/// <summary>A literal did not have the shape the C# type needs.</summary>
public sealed class LiteralConversionException : FlyteException
{
    /// <summary>A conversion failure described by <paramref name="message"/>.</summary>
    public LiteralConversionException(string message) : base(message)
    {
    }

    /// <summary>A conversion failure described by <paramref name="message"/>, caused by <paramref name="inner"/>.</summary>
    public LiteralConversionException(string message, Exception inner) : base(message, inner)
    {
    }
}
