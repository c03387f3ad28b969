namespace Flyte.Benchmarks;

/// <summary>A workflow that fans out to N calls of a trivial task: what the local engine adds per action.</summary>
[TaskEnvironment("fanout")]
public static partial class FanOutTasks
{
    [Task]
    public static Task<int> Increment(int x) => Task.FromResult(x + 1);

    [Workflow]
    public static async Task<long> FanOut(int n)
    {
        int[] results = await Task.WhenAll(Enumerable.Range(0, n).Select(i => Increment(i)));
        return results.Sum(x => (long)x);
    }
}
