namespace Flyte.Sdk.Tests.Tasks;

/// <summary>Child actions started in groups (<see cref="FlyteGroup"/>).</summary>
[TaskEnvironment("groups")]
public static partial class Groups
{
    /// <summary>Square(x) four times: outside any group, twice in "train", once in "eval" nested in "outer"; then a
    /// workflow in "eval" that makes a call of its own.</summary>
    [Workflow]
    public static async Task<int> Folds(int x)
    {
        int total = await Pipeline.Square(x);
        using (FlyteGroup.Begin("train"))
        {
            total += await Pipeline.Square(x);
            total += await Pipeline.Square(x);
        }
        using (FlyteGroup.Begin("outer"))
        {
            using (FlyteGroup.Begin("eval"))
            {
                total += await Pipeline.Square(x);
                total += await Inner(x);
            }
        }
        return total;
    }

    /// <summary>Its call is made in no group, whatever group its caller started it in.</summary>
    [Workflow]
    public static async Task<int> Inner(int x) => await Pipeline.Square(x + 1);
}
