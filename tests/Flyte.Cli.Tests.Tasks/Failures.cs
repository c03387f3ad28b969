namespace Flyte.Cli.Tests.Tasks;

/// <summary>Tasks that fail, so the CLI's exit code and failure report can be checked.</summary>
[TaskEnvironment("failing")]
public static partial class Failures
{
    [Task(Retries = 1)]
    public static async Task<int> Explode(int x)
    {
        await Task.Yield();
        return x < 0 ? x : throw new InvalidOperationException($"exploded on {x}");
    }

    [Workflow]
    public static async Task<int> CallsExplode(int x) => await Explode(x);
}
