namespace Flyte.Cli;

/// <summary>The command line cannot be carried out as given; its message is the one line the user sees, and the exit code is 2.</summary>
public sealed class UsageException : Exception
{
    public UsageException(string message) : base(message)
    {
    }

    public UsageException(string message, Exception inner) : base(message, inner)
    {
    }
}
