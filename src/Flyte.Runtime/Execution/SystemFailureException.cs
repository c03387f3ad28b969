namespace Flyte.Runtime.Execution;

/// <summary>a0 could not get as far as the user's code; <see cref="Code"/> goes into error.pb.</summary>
/// <param name="recoverable">Whether another attempt may succeed; false when it would meet the same failure.</param>
internal sealed class SystemFailureException(string code, string message, Exception? inner = null, bool recoverable = true) : Exception(message, inner)
{
    public string Code { get; } = code;

    public bool Recoverable { get; } = recoverable;
}
