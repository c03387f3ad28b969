using System.Runtime.CompilerServices;

namespace Flyte.Sdk.Tests.Tasks;

/// <summary>A workflow that fans out over a task, to test how calls are routed.</summary>
[TaskEnvironment("pipeline")]
public static partial class Pipeline
{
    // Per test, not per process: other tests run this workflow at the same time, and their calls must not count.
    private static readonly AsyncLocal<StrongBox<int>?> DirectCallCounter = new();

    /// <summary>
    /// From now on, counts the runs of <see cref="Square"/>'s body made by the caller and the tasks it starts; the count is
    /// the box's value. Calls made elsewhere (another test, in parallel) are not counted.
    /// </summary>
    public static StrongBox<int> CountDirectCalls()
    {
        var counter = new StrongBox<int>();
        DirectCallCounter.Value = counter;
        return counter;
    }

    [Task]
    public static async Task<int> Square(int x)
    {
        if (DirectCallCounter.Value is { } counter)
        {
            Interlocked.Increment(ref counter.Value);
        }
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
