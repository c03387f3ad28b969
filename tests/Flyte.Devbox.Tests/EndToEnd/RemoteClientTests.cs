using Flyte.Remote;
using Flyteidl2.Common;
using Flyteidl2.Workflow;

namespace Flyte.Devbox.Tests.EndToEnd;

/// <summary>The typed C# client against a devbox: deploy through DataProxy and TaskService, run through generated handles.</summary>
public sealed class RemoteClientTests : IAsyncLifetime
{
    private const string Assembly = "Flyte.Devbox.Tests.Tasks";

    private DevboxHarness _harness = null!;
    private FlyteRemote _remote = null!;

    public async Task InitializeAsync()
    {
        _harness = await DevboxHarness.StartAsync();
        _remote = FlyteRemote.Connect(new RemoteOptions { Endpoint = _harness.Devbox.Endpoint, Project = DevboxHarness.Project, Domain = DevboxHarness.Domain });
    }

    public async Task DisposeAsync()
    {
        _remote.Dispose();
        await _harness.DisposeAsync();
    }

    [Fact]
    public async Task Deploy_uploads_the_bundle_once_and_typed_runs_return_typed_results_or_typed_errors()
    {
        var tasks = SampleTasks.All(SampleOutputs.DevboxTestTasks, Assembly);

        var first = await _remote.DeployAsync(SampleOutputs.DevboxTestTasks, tasks);
        var again = await _remote.DeployAsync(SampleOutputs.DevboxTestTasks, tasks);

        Assert.False(first.Unchanged);
        Assert.Equal(tasks.Count, first.Tasks.Count(t => t.Created));
        // Tasks with triggers too: their triggers are deployed as declared, so nothing is sent again.
        Assert.Contains(tasks, t => t.Declaration.Triggers.Count > 0);
        Assert.True(again.Unchanged, string.Join(", ", again.Tasks.Where(t => t.Created).Select(t => t.Name)));
        Assert.Equal(first.Version, again.Version);

        // A trigger deleted since is not as declared: the next deploy sends its task again, which brings it back.
        var morning = new Flyteidl2.Common.TriggerName
        {
            Project = DevboxHarness.Project, Domain = DevboxHarness.Domain, TaskName = "scheduled.Greet", Name = "morning",
        };
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(_harness.Devbox.Endpoint);
        await new Flyteidl2.Trigger.TriggerService.TriggerServiceClient(channel).DeleteTriggersAsync(new Flyteidl2.Trigger.DeleteTriggersRequest { Names = { morning } });
        var afterDelete = await _remote.DeployAsync(SampleOutputs.DevboxTestTasks, tasks);
        Assert.Equal(["scheduled.Greet"], afterDelete.Tasks.Where(t => t.Created).Select(t => t.Name));
        string bundleUri = Assert.IsType<string>(first.CodeBundleUri);
        Assert.StartsWith("file://", bundleUri);
        Assert.True(File.Exists(new Uri(bundleUri).LocalPath));

        RemoteRun<int> nap = await DevboxTests.Slow.FlyteTasks.Nap.RunRemoteAsync(_remote, 3, 10);
        Assert.Equal(30, await nap.GetOutputAsync());

        var explode = await DevboxTests.Slow.FlyteTasks.Explode.RunRemoteAsync(_remote, 5, runName: "explode-5");
        var failure = await Assert.ThrowsAsync<RemoteRunFailedException>(() => explode.GetOutputAsync());
        Assert.Equal("explode-5", failure.RunName);
        Assert.Equal(ActionPhase.Failed, failure.Phase);
        Assert.Equal(ErrorInfo.Types.Kind.User, failure.Error!.Kind);
        Assert.Contains("cannot handle 5", failure.Message);
    }

    [Fact]
    public async Task An_unreachable_endpoint_is_one_clear_error_naming_it()
    {
        using var nowhere = FlyteRemote.Connect(new RemoteOptions { Endpoint = "http://127.0.0.1:9" });

        var error = await Assert.ThrowsAsync<FlyteRemoteException>(() => DevboxTests.Slow.FlyteTasks.Nap.RunRemoteAsync(nowhere, 1, 1));

        Assert.Contains("http://127.0.0.1:9", error.Message);
        Assert.Contains("flyte devbox start", error.Message);
    }
}
