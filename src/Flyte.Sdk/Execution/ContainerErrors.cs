using Flyteidl2.Core;

namespace Flyte.Execution;

/// <summary>
/// How an action's failure is written to error.pb, by a0 and the local engine alike: user errors by
/// their exception, everything else (timeouts, aborts, a0's own failures) as a SYSTEM error.
/// </summary>
internal static class ContainerErrors
{
    /// <summary>The user's code threw: NON_RECOVERABLE unless the exception says it is transient.</summary>
    public static ContainerError FromUser(Exception exception) => new()
    {
        Code = exception.GetType().Name,
        Message = Flyte.Local.UserStackTrace.Format(exception),
        Kind = IsRecoverable(exception) ? ContainerError.Types.Kind.Recoverable : ContainerError.Types.Kind.NonRecoverable,
        Origin = ExecutionError.Types.ErrorKind.User,
    };

    /// <summary>
    /// Whether another attempt may help after the user's code threw <paramref name="exception"/>: only when it is a
    /// <see cref="RecoverableException"/> (or derives from one). The one rule a0 and the local engine both retry by.
    /// </summary>
    public static bool IsRecoverable(Exception exception) => exception is RecoverableException;

    /// <summary>The action could not run the user's code to the end for a reason of its own (missing task, storage, timeout, inputs that do not fit).</summary>
    /// <param name="recoverable">Whether another attempt may help: true for the machine's troubles (storage, the control plane), false when the same inputs must fail again.</param>
    public static ContainerError FromSystem(string code, string message, bool recoverable = true) => new()
    {
        Code = code,
        Message = message,
        Kind = recoverable ? ContainerError.Types.Kind.Recoverable : ContainerError.Types.Kind.NonRecoverable,
        Origin = ExecutionError.Types.ErrorKind.System,
    };
}
