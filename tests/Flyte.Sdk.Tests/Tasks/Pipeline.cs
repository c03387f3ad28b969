namespace Flyte.Sdk.Tests.Tasks;

/// <summary>A workflow that fans out over a task, to test how calls are routed.</summary>
[TaskEnvironment("pipeline")]
public static partial class Pipeline
{
    private static int _directCalls;

    public static int DirectCalls => Volatile.Read(ref _directCalls);

    [Task]
    public static async Task<int> Square(int x)
    {
        Interlocked.Increment(ref _directCalls);
        await Task.Yield();
        return x * x;
    }

    [Task]
    public static int Add(int a, int b) => a + b;

    [Workflow]
    public static async Task<int> SumOfSquares(int n)
    {
        int[] squares = await Task.WhenAll(Enumerable.Range(1, n).Select(i => Square(i)));
        int sum = 0;
        foreach (int square in squares)
        {
            sum = Add(sum, square);
        }
        return sum;
    }
}
