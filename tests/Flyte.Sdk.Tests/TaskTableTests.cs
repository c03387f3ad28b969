using Flyte.Generation;
using Flyte.Sdk.Tests.Tasks;
using Flyte.Tasks;

namespace Flyte.Sdk.Tests;

/// <summary>The generated dispatch table finds a task by its id name; the registry also by its C# method name.</summary>
public class TaskTableTests
{
    private static readonly ITaskTable Table = Flyte.Generated.FlyteTaskTable.Instance;

    [Fact]
    public void The_table_finds_a_task_by_its_id_name_and_nothing_for_another_name()
    {
        var square = Table.Find("pipeline.Square");

        Assert.Same(Pipeline.FlyteTasks.Square, square);
        Assert.Contains(square, Table.Tasks);
        Assert.Null(Table.Find("pipeline.NoSuchTask"));
        Assert.Null(Table.Find("Square"));
        Assert.Null(Table.Find(""));
    }

    [Fact]
    public void Every_task_of_the_table_is_found_by_its_name()
    {
        Assert.NotEmpty(Table.Tasks);
        Assert.All(Table.Tasks, task => Assert.Same(task, Table.Find(task.Name)));
    }

    [Fact]
    public void A_table_generated_before_Find_existed_still_finds_its_tasks()
    {
        ITaskTable older = new TableWithoutFind(Pipeline.FlyteTasks.Square, Pipeline.FlyteTasks.Add);

        Assert.Same(Pipeline.FlyteTasks.Add, older.Find("pipeline.Add"));
        Assert.Null(older.Find("pipeline.NoSuchTask"));
    }

    /// <summary>A table as the generator wrote them before <see cref="ITaskTable.Find"/>: a0 may load such an assembly.</summary>
    private sealed class TableWithoutFind(params TaskDefinition[] tasks) : ITaskTable
    {
        public string AssemblyName => "Older";

        public IReadOnlyList<TaskDefinition> Tasks => tasks;
    }

    [Fact]
    public void The_registry_finds_a_task_by_its_id_name_or_its_method_name()
    {
        Assert.Same(Pipeline.FlyteTasks.Square, TaskRegistry.Find("pipeline.Square"));
        Assert.Same(Pipeline.FlyteTasks.Square, TaskRegistry.Find("Pipeline.Square"));
        Assert.Null(TaskRegistry.Find("pipeline.NoSuchTask"));
    }
}
