namespace Flyte;

/// <summary>A literal did not have the shape the C# type needs.</summary>
public sealed class LiteralConversionException : FlyteException
{
    public LiteralConversionException(string message) : base(message)
    {
    }

    public LiteralConversionException(string message, Exception inner) : base(message, inner)
    {
    }
}
