using Flyte.Local;

namespace MyPipeline.Tests;

public class PipelineTests
{
    [Fact]
    public async Task Square_called_directly_is_an_ordinary_method_call()
    {
        Assert.Equal(49, await Pipeline.Square(7));
    }

    [Fact]
    public async Task SumOfSquares_adds_up_what_Square_returns()
    {
        // A typed fake replaces the task in the local run; its inputs and result still go through Flyte literals.
        var square = Pipeline.FlyteTasks.Square.Fake(x => x + 100);

        var run = await Pipeline.FlyteTasks.SumOfSquares.RunLocalAsync(3, new LocalRunOptions { Fakes = [square] });

        Assert.True(run.Succeeded, run.Failure?.Message);
        Assert.Equal(101 + 102 + 103, run.Value);
        Assert.Equal(3, square.Calls);
    }
}
