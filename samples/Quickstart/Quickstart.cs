using Flyte;

namespace Samples;

[TaskEnvironment("quickstart", Cpu = "1", Memory = "512Mi")]
public static partial class Quickstart
{
    [Task(Retries = 2, Cache = true)]
    public static async Task<int> Square(int x) { await Task.Yield(); return x * x; }

    [Workflow]
    public static async Task<double> MeanOfSquares(int n)
    {
        int[] squares = await Task.WhenAll(Enumerable.Range(0, n).Select(i => Square(i)));
        return squares.Average();
    }
}
