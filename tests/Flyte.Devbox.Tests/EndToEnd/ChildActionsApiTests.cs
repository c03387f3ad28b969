using Flyte.Generation;
using Flyte.Devbox.State;
using Flyteidl2.Actions;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Workflow;
using Grpc.Core;
using Grpc.Net.Client;

namespace Flyte.Devbox.Tests.EndToEnd;

/// <summary>
/// A parent's children go through the API its pod is told to use: ActionsService with <c>_U_USE_ACTIONS=1</c> (what
/// the open-source backend sets, and the devbox's default), else QueueService and StateService, as flyte-sdk's
/// controller decides (<c>_internal/controllers/remote/_service_protocol.py</c>). The devbox serves both.
/// </summary>
public sealed class ChildActionsApiTests : IAsyncLifetime
{
    private const string Assembly = "Flyte.Devbox.Tests.Tasks";

    private DevboxHarness? _harness;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }

    private static LiteralMap Inputs(long count, long milliseconds) => new()
    {
        Literals = { ["count"] = ScalarLiterals.FromInt64(count), ["milliseconds"] = ScalarLiterals.FromInt64(milliseconds) },
    };

    private string ParentLog(RunIdentifier run, int attempt) => File.ReadAllText(new DevboxPaths(_harness!.DataDirectory)
        .AttemptLog(new ActionKey(new RunKey(run.Org, run.Project, run.Domain, run.Name), "a0"), attempt));

    [Fact]
    public async Task Without_U_USE_ACTIONS_a_retried_parent_runs_its_children_through_QueueService_and_StateService()
    {
        _harness = await DevboxHarness.StartAsync(configure: options => options with { PodsUseActionsService = false });
        var tasks = await _harness.DeployAsync(SampleOutputs.DevboxTestTasks, Assembly, "slow.NapsThenStumble");

        // The first attempt enqueues three children and fails; the second takes them from StateService's replay.
        var run = await _harness.StartRunAsync(tasks["slow.NapsThenStumble"], Inputs(3, 100));
        var details = await _harness.WaitAsync(run);

        Assert.True(details.Action.Status.Phase == ActionPhase.Succeeded, details.Action.ErrorInfo?.Message);
        Assert.Equal(30, (await _harness.OutputsAsync(run)).Literals["o0"].Scalar.Primitive.Integer);
        string first = ParentLog(run, 0);
        Assert.Equal(3, CountOf(first, "(QueueService and StateService)"));
        Assert.DoesNotContain("(ActionsService)", first);
        Assert.Equal(0, CountOf(ParentLog(run, 1), "a0: enqueued"));
    }

    [Fact]
    public async Task With_the_devbox_defaults_children_go_through_ActionsService()
    {
        _harness = await DevboxHarness.StartAsync();
        var tasks = await _harness.DeployAsync(SampleOutputs.DevboxTestTasks, Assembly, "slow.Naps");

        var run = await _harness.StartRunAsync(tasks["slow.Naps"], Inputs(2, 10));
        var details = await _harness.WaitAsync(run);

        Assert.True(details.Action.Status.Phase == ActionPhase.Succeeded, details.Action.ErrorInfo?.Message);
        string log = ParentLog(run, 0);
        Assert.Equal(2, CountOf(log, "(ActionsService)"));
        Assert.DoesNotContain("QueueService", log);
    }

    [Fact]
    public async Task Both_APIs_refuse_a_child_whose_image_is_still_a_placeholder_and_a_second_enqueue_as_the_backend_does()
    {
        _harness = await DevboxHarness.StartAsync();
        var tasks = await _harness.DeployAsync(SampleOutputs.DevboxTestTasks, Assembly, "slow.Naps");
        var run = await _harness.StartRunAsync(tasks["slow.Naps"], Inputs(1, 60_000));
        using var channel = GrpcChannel.ForAddress(_harness.Devbox.Endpoint);
        var actions = new ActionsService.ActionsServiceClient(channel);
        var queue = new QueueService.QueueServiceClient(channel);
        TaskAction Child(string image) => new()
        {
            Id = new Flyteidl2.Task.TaskIdentifier { Name = "slow.Nap", Version = "v1" },
            Spec = new Flyteidl2.Task.TaskSpec { TaskTemplate = new TaskTemplate { Container = new Container { Image = image } } },
        };
        ActionIdentifier Named(string name) => new() { Run = run, Name = name };

        var viaActions = await Assert.ThrowsAsync<RpcException>(() => actions.EnqueueAsync(new EnqueueRequest
        {
            Action = new Flyteidl2.Actions.Action
            {
                ActionId = Named("unresolved-1"), ParentActionName = "a0", InputUri = "file:///unused/inputs.pb", RunOutputBase = "file:///unused",
                Task = Child("{{.image}}"),
            },
        }).ResponseAsync);
        var viaQueue = await Assert.ThrowsAsync<RpcException>(() => queue.EnqueueActionAsync(new EnqueueActionRequest
        {
            ActionId = Named("unresolved-2"), ParentActionName = "a0", InputUri = "file:///unused/inputs.pb", RunOutputBase = "file:///unused",
            Task = Child("{{.image}}"),
        }).ResponseAsync);
        await queue.EnqueueActionAsync(new EnqueueActionRequest
        {
            ActionId = Named("resolved"), ParentActionName = "a0", InputUri = "file:///unused/inputs.pb", RunOutputBase = "file:///unused",
            Task = Child("localhost:5000/any:1"),
        });
        var again = await Assert.ThrowsAsync<RpcException>(() => queue.EnqueueActionAsync(new EnqueueActionRequest
        {
            ActionId = Named("resolved"), ParentActionName = "a0", InputUri = "file:///unused/inputs.pb", RunOutputBase = "file:///unused",
            Task = Child("localhost:5000/any:1"),
        }).ResponseAsync);
        await _harness.Runs.AbortRunAsync(new AbortRunRequest { RunId = run, Reason = "test" });

        foreach (var refused in new[] { viaActions, viaQueue })
        {
            Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
            Assert.StartsWith("task slow.Nap: task.spec.task_template.container has the image '{{.image}}'", refused.Status.Detail);
        }
        Assert.Equal(StatusCode.Internal, again.StatusCode);
        Assert.EndsWith($"\"{run.Name}-resolved\" already exists", again.Status.Detail);
    }

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }
}
