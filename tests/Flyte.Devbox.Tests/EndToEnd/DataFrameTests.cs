using DevboxTests;
using Flyte.Remote;
using Flyteidl2.Workflow;

namespace Flyte.Devbox.Tests.EndToEnd;

/// <summary>
/// A table handed from one action to another on the devbox: task A's a0 writes it under its raw data prefix in the
/// devbox's storage, the literal travels through the control plane, and task B's a0 reads it.
/// </summary>
public sealed class DataFrameTests : IAsyncLifetime
{
    private const string Assembly = "Flyte.Devbox.Tests.Tasks";

    private DevboxHarness _harness = null!;
    private FlyteRemote _remote = null!;

    public async Task InitializeAsync()
    {
        _harness = await DevboxHarness.StartAsync();
        _remote = FlyteRemote.Connect(new RemoteOptions { Endpoint = _harness.Devbox.Endpoint, Project = DevboxHarness.Project, Domain = DevboxHarness.Domain });
        await _remote.DeployAsync(SampleOutputs.DevboxTestTasks, SampleTasks.All(SampleOutputs.DevboxTestTasks, Assembly));
    }

    public async Task DisposeAsync()
    {
        _remote.Dispose();
        await _harness.DisposeAsync();
    }

    [Fact]
    public async Task Task_a_writes_a_table_in_storage_and_task_b_reads_it()
    {
        var run = await Tables.FlyteTasks.SumOfSquares.RunRemoteAsync(_remote, 5);

        Assert.Equal(0 + 1 + 4 + 9 + 16, await run.GetOutputAsync());
        var actions = (await _harness.Runs.ListActionsAsync(new ListActionsRequest { RunId = run.Id })).Actions;
        Assert.Contains(actions, action => action.Metadata.Task?.Id?.Name == "tables.Squares" && action.Status.Phase == Flyteidl2.Common.ActionPhase.Succeeded);
        Assert.Contains(actions, action => action.Metadata.Task?.Id?.Name == "tables.SumSquares" && action.Status.Phase == Flyteidl2.Common.ActionPhase.Succeeded);
    }

    [Fact]
    public async Task A_table_written_outside_is_an_input_of_a_remote_run()
    {
        string folder = Path.Combine(_harness.DataDirectory, "tables-in", Guid.NewGuid().ToString("N"));
        var squares = new Apache.Arrow.DoubleArray.Builder().Append(2).Append(3).Build();
        var schema = new Apache.Arrow.Schema([new Apache.Arrow.Field("square", Apache.Arrow.Types.DoubleType.Default, nullable: true)], null);
        var table = await DataFrame.WriteToAsync(folder, [new Apache.Arrow.RecordBatch(schema, [squares], 2)]);

        var run = await Tables.FlyteTasks.SumSquares.RunRemoteAsync(_remote, table);

        Assert.Equal(5, await run.GetOutputAsync());
    }
}
