using Flyte.Remote;
using Flyte.Tasks;
using Flyteidl2.Common;
using Flyteidl2.Task;
using Flyteidl2.Workflow;
using Grpc.Core;
using Task = System.Threading.Tasks.Task;

namespace Flyte.Devbox.Tests.EndToEnd;

/// <summary>
/// No task spec reaches the devbox with <c>{{.image}}</c>, as none may reach a cluster: the devbox refuses one, and a
/// deploy through FlyteRemote resolves every image, the children's included.
/// </summary>
public sealed class ImageResolutionTests : IAsyncLifetime
{
    private const string Assembly = "Flyte.Devbox.Tests.Tasks";
    private const string DefaultImage = "registry.local/devbox-tests:1";

    private DevboxHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await DevboxHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private static TaskSpec UnresolvedSpec(string name) =>
        TaskTemplates.CreateSpec(SampleTasks.Get(SampleOutputs.DevboxTestTasks, Assembly, name),
            new TaskTemplateSettings { Project = DevboxHarness.Project, Domain = DevboxHarness.Domain, Version = "v1" });

    [Fact]
    public async Task DeployTask_with_the_image_placeholder_is_invalid_and_names_the_task()
    {
        var spec = UnresolvedSpec("slow.Nap");
        Assert.Equal("{{.image}}", spec.TaskTemplate.Container.Image);
        var id = new TaskIdentifier { Project = DevboxHarness.Project, Domain = DevboxHarness.Domain, Name = "slow.Nap", Version = "v1" };

        var error = await Assert.ThrowsAsync<RpcException>(() => _harness.Tasks.DeployTaskAsync(new DeployTaskRequest { TaskId = id, Spec = spec }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("task slow.Nap", error.Status.Detail);
        Assert.Contains("{{.image}}", error.Status.Detail);
    }

    [Fact]
    public async Task CreateRun_with_a_task_spec_holding_the_image_placeholder_is_invalid_and_names_the_task()
    {
        var spec = UnresolvedSpec("slow.Nap");
        var project = new ProjectIdentifier { Name = DevboxHarness.Project, Domain = DevboxHarness.Domain };
        var inputs = new Inputs();
        inputs.Literals.Add(new NamedLiteral { Name = "index", Value = Flyte.Generation.ScalarLiterals.FromInt64(1) });
        inputs.Literals.Add(new NamedLiteral { Name = "milliseconds", Value = Flyte.Generation.ScalarLiterals.FromInt64(1) });

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _harness.Runs.CreateRunAsync(new CreateRunRequest { ProjectId = project, TaskSpec = spec, Inputs = inputs }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("task slow.Nap", error.Status.Detail);
    }

    [Fact]
    public async Task A_workflow_deployed_through_FlyteRemote_runs_with_children_whose_specs_carry_the_resolved_image()
    {
        using var remote = FlyteRemote.Connect(new RemoteOptions
        {
            Endpoint = _harness.Devbox.Endpoint, Project = DevboxHarness.Project, Domain = DevboxHarness.Domain, DefaultImage = DefaultImage,
        });
        await remote.DeployAsync(SampleOutputs.DevboxTestTasks, SampleTasks.All(SampleOutputs.DevboxTestTasks, Assembly));

        RemoteRun<int> naps = await DevboxTests.Slow.FlyteTasks.Naps.RunRemoteAsync(remote, 2, 1);
        Assert.Equal(10, await naps.GetOutputAsync());

        var run = new RunIdentifier { Project = DevboxHarness.Project, Domain = DevboxHarness.Domain, Name = naps.Name };
        var actions = (await _harness.Runs.ListActionsAsync(new ListActionsRequest { RunId = run })).Actions;
        Assert.Equal(3, actions.Count);
        foreach (var action in actions)
        {
            var details = (await _harness.Runs.GetActionDetailsAsync(new GetActionDetailsRequest { ActionId = action.Id })).Details;
            Assert.Equal(DefaultImage, details.Task.TaskTemplate.Container.Image);
            Assert.Contains("--image-cache", details.Task.TaskTemplate.Container.Args);
        }
        Assert.Equal(2, actions.Count(a => a.Metadata.Task.Id.Name == "slow.Nap" && a.Status.Phase == ActionPhase.Succeeded));
    }
}
