using Flyte;

namespace Benchmarks;

[TaskEnvironment("trivial")]
public static partial class Trivial
{
    /// <summary>No work, and no await: what a0 costs by itself.</summary>
    [Task]
    public static int Square(int x) => x * x;
}
