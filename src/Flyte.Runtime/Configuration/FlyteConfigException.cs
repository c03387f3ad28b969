namespace Flyte.Runtime.Configuration;

/// <summary>The configuration cannot be used as found; the message is one line naming the file or variable, the key, and the fix.</summary>
internal sealed class FlyteConfigException : Exception
{
    public FlyteConfigException(string message) : base(message)
    {
    }

    public FlyteConfigException(string message, Exception inner) : base(message, inner)
    {
    }
}
