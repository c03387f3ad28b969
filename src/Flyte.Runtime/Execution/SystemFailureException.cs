namespace Flyte.Runtime.Execution;

/// <summary>a0 could not get as far as the user's code; <see cref="Code"/> goes into error.pb.</summary>
internal sealed class SystemFailureException(string code, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Code { get; } = code;
}
