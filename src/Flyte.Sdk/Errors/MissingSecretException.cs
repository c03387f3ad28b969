namespace Flyte;

/// <summary>A secret a task declares is not set where the task runs: the task's code did not start.</summary>
public sealed class MissingSecretException : FlyteException
{
    internal MissingSecretException(string message)
        : base(message)
    {
    }
}
