using Flyte;
using Flyte.Tasks;

namespace DevboxTests;

/// <summary>Tasks that read secrets they declare (docs/secrets.md).</summary>
[TaskEnvironment("secrets")]
public static partial class SecretReader
{
    [Task(Secrets = ["api-token"])]
    public static Task<string> Token(ITaskContext context) => Task.FromResult(context.GetSecret("api-token"));

    /// <summary>Declared with a group: its variable is DB_PASSWORD, and the control plane looks it up by its key.</summary>
    [Task(Secrets = ["db/password"], Retries = 2)]
    public static Task<int> PasswordLength(ITaskContext context) => Task.FromResult(context.GetSecret("db/password").Length);
}
