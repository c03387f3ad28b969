using Flyte.Generation;
using Flyte.Sdk.Tests.Tasks;
using Flyte.Tasks;

namespace Flyte.Sdk.Tests;

/// <summary>Task calls are plain calls outside a Flyte context, and Flyte actions inside one.</summary>
public class CallRoutingTests
{
    [Fact]
    public async Task Outside_a_Flyte_context_a_task_call_is_the_method_call()
    {
        var directCalls = Pipeline.CountDirectCalls();

        int result = await Pipeline.SumOfSquares(3);

        Assert.Equal(1 + 4 + 9, result);
        Assert.Equal(3, directCalls.Value);
        Assert.Null(FlyteContext.Current);
    }

    [Fact]
    public async Task Inside_a_Flyte_context_each_call_goes_to_the_runner_as_literals()
    {
        var runner = new RecordingRunner();
        var directCalls = Pipeline.CountDirectCalls();
        var workflow = Pipeline.FlyteTasks.SumOfSquares;

        Flyteidl2.Core.LiteralMap outputs;
        using (FlyteContext.Enter(runner))
        {
            outputs = await workflow.InvokeAsync(workflow.EncodeInputs(4), TaskContext.Detached, default);
        }

        Assert.Equal(1 + 4 + 9 + 16, workflow.DecodeOutputs(outputs));
        var calls = runner.Calls.ToList();
        Assert.Equal(4, calls.Count(c => c.Task == "pipeline.Square"));
        Assert.Equal(4, calls.Count(c => c.Task == "pipeline.Add"));
        Assert.Equal([1L, 2L, 3L, 4L], calls.Where(c => c.Task == "pipeline.Square").Select(c => c.Inputs.Literals["x"].Scalar.Primitive.Integer).Order());
        // The method bodies still ran once per call, but through the runner.
        Assert.Equal(4, directCalls.Value);
        Assert.Null(FlyteContext.Current);
    }

    [Fact]
    public async Task The_context_flows_into_fanned_out_calls_and_is_restored_after()
    {
        var runner = new RecordingRunner();
        using (FlyteContext.Enter(runner))
        {
            Assert.Same(runner, FlyteContext.Current);
            await Task.WhenAll(Enumerable.Range(0, 5).Select(i => Pipeline.Square(i)));
        }

        Assert.Equal(5, runner.Calls.Count);
        Assert.Null(FlyteContext.Current);
    }

    [Fact]
    public void The_dispatch_table_of_this_assembly_is_registered_when_it_loads()
    {
        var table = Assert.Single(TaskRegistry.Tables, t => t.AssemblyName == "Flyte.Sdk.Tests");

        Assert.Contains(table.Tasks, t => t.Name == "pipeline.SumOfSquares" && t.Declaration.IsWorkflow);
        Assert.Same(Pipeline.FlyteTasks.Square, TaskRegistry.Find("pipeline.Square"));
        Assert.Same(Pipeline.FlyteTasks.Square, TaskRegistry.Find("Pipeline.Square"));
        Assert.Null(TaskRegistry.Find("pipeline.Missing"));
    }
}
