using Flyte;

namespace MyPipeline;

// Each [Task] runs as its own Flyte action (a container on a cluster) with typed inputs and outputs, retries and
// caching. A [Workflow] is a task that calls tasks: every call becomes a child action of the run.
[TaskEnvironment("my-pipeline", Cpu = "1", Memory = "512Mi")]
public static partial class Pipeline
{
    [Task(Retries = 2, Cache = true)]
    public static async Task<int> Square(int x)
    {
        await Task.Yield();
        return x * x;
    }

    [Workflow]
    public static async Task<int> SumOfSquares(int n)
    {
        int[] squares = await Task.WhenAll(Enumerable.Range(1, n).Select(i => Square(i)));
        return squares.Sum();
    }
}
