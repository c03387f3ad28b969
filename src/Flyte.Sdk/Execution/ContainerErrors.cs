using Flyteidl2.Core;

namespace Flyte.Runtime.Execution;

/// <summary>How a0 reports a failure in error.pb: user errors by their exception, everything else as a SYSTEM error.</summary>
internal static class ActionFailure
{
    /// <summary>The user's code threw: NON_RECOVERABLE unless the exception says it is transient.</summary>
    public static ContainerError FromUser(Exception exception) => new()
    {
        Code = exception.GetType().Name,
        Message = Flyte.Local.UserStackTrace.Format(exception),
        Kind = exception is RecoverableException ? ContainerError.Types.Kind.Recoverable : ContainerError.Types.Kind.NonRecoverable,
        Origin = ExecutionError.Types.ErrorKind.User,
    };

    /// <summary>a0 itself could not run the task (missing task, storage, memory): worth another attempt.</summary>
    public static ContainerError FromSystem(string code, string message) => new()
    {
        Code = code,
        Message = message,
        Kind = ContainerError.Types.Kind.Recoverable,
        Origin = ExecutionError.Types.ErrorKind.System,
    };
}
