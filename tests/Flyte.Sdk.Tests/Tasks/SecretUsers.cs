using System.Threading;
using Flyte.Tasks;

namespace Flyte.Sdk.Tests.Tasks;

/// <summary>Tasks that read the secrets they declare.</summary>
[TaskEnvironment("secret-users")]
public static partial class SecretUsers
{
    private static int _passwordReads;

    /// <summary>How many times <see cref="Password"/>'s body ran.</summary>
    public static int PasswordReads => Volatile.Read(ref _passwordReads);

    [Task(Secrets = ["db/password"], Retries = 2)]
    public static Task<string> Password(ITaskContext context)
    {
        Interlocked.Increment(ref _passwordReads);
        return Task.FromResult(context.GetSecret("db/password"));
    }

    /// <summary>Its variable, SDK_TESTS_ENV_ONLY_TOKEN, is set by the one test that reads it.</summary>
    [Task(Secrets = ["sdk-tests-env-only-token"])]
    public static Task<string> FromEnvironment(ITaskContext context) => Task.FromResult(context.GetSecret("sdk-tests-env-only-token"));

    /// <summary>Asks for a secret it does not declare.</summary>
    [Task]
    public static Task<string> Undeclared(ITaskContext context) => Task.FromResult(context.GetSecret("never-declared"));

    /// <summary>Asks for "path", undeclared, whose variable PATH every process has.</summary>
    [Task(Secrets = ["db/password"])]
    public static Task<string> UndeclaredButSet(ITaskContext context) => Task.FromResult(context.GetSecret("path"));
}
