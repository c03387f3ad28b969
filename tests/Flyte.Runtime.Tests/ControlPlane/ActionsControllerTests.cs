using Flyte.Generation;
using System.Diagnostics;
using Flyte.Local;
using Flyte.Runtime.CommandLine;
using Flyte.Runtime.Controller;
using Flyte.Runtime.Execution;
using Flyte.Tasks;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Workflow;
using Grpc.Core;
using ActionPhase = Flyteidl2.Common.ActionPhase;

namespace Flyte.Runtime.Tests.ControlPlane;

/// <summary>The controller on its own, in this process, against the fake control plane.</summary>
public sealed class ActionsControllerTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("a0-controller-unit-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static readonly ActionIdentifier Parent = new()
    {
        Run = new RunIdentifier { Project = "flytesnacks", Domain = "development", Name = "r1" },
        Name = "a0",
    };

    private static LiteralMap SquareInputs(long x) => new() { Literals = { ["x"] = ScalarLiterals.FromInt64(x) } };

    private static TaskDefinition Square => SampleTasks.Get(SampleOutputs.Quickstart, "Quickstart", "quickstart.Square");

    private ActionsController Controller(ControlPlaneConnection connection, string? runBase = null) =>
        new(connection, Parent, runBase ?? Path.Combine(_work, "run"), new TaskTemplateSettings { Version = "v1" }, new Dictionary<string, string>(), TextWriter.Null);

    [Fact]
    public async Task Cancelling_the_parent_aborts_the_child_on_the_control_plane()
    {
        var service = new FakeActionsService(async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            throw new UnreachableException();
        });
        await using var server = await ActionsServer.StartAsync(service);
        using var connection = new ControlPlaneConnection(new ControllerSettings(server.Endpoint, Insecure: true, UseActions: true));
        await using var controller = Controller(connection);
        using var cancellation = new CancellationTokenSource();

        var call = controller.RunChildAsync(Square, SquareInputs(3), cancellation.Token);
        await Until.TrueAsync(() => !service.Enqueued.IsEmpty, "the child enqueued");
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        var enqueued = Assert.Single(service.Enqueued).Action.ActionId;
        Assert.Equal(enqueued, Assert.Single(service.Aborts).ActionId);
    }

    [Fact]
    public async Task Every_call_carries_the_x_actions_headers_flyte_sdk_sends()
    {
        // flyte-sdk's controller (_internal/controllers/remote/_core.py, _informer.py) sends the run's project, domain and
        // name and the parent action's name with Enqueue, WatchForUpdates and Abort.
        var service = new FakeActionsService(async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            throw new UnreachableException();
        });
        await using var server = await ActionsServer.StartAsync(service);
        using var connection = new ControlPlaneConnection(new ControllerSettings(server.Endpoint, Insecure: true, UseActions: true));
        await using var controller = Controller(connection);
        using var cancellation = new CancellationTokenSource();

        var call = controller.RunChildAsync(Square, SquareInputs(3), cancellation.Token);
        await Until.TrueAsync(() => !service.Enqueued.IsEmpty, "the child enqueued");
        cancellation.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);

        var calls = service.Calls.ToArray();
        Assert.Equal(["Abort", "Enqueue", "WatchForUpdates"], calls.Select(c => c.Method).Order(StringComparer.Ordinal));
        foreach (var (method, headers) in calls)
        {
            Assert.Equal("flytesnacks", headers.GetValue("x-actions-project"));
            Assert.Equal("development", headers.GetValue("x-actions-domain"));
            Assert.Equal("r1", headers.GetValue("x-actions-run"));
            Assert.True("a0" == headers.GetValue("x-actions-parent-action"), $"{method} carried x-actions-parent-action '{headers.GetValue("x-actions-parent-action")}'");
        }
    }

    [Fact]
    public async Task A_child_finished_before_the_parent_asks_is_not_run_again()
    {
        int executions = 0;
        var service = new FakeActionsService((action, _) =>
        {
            Interlocked.Increment(ref executions);
            return Task.FromResult(new ActionUpdate { ActionId = action.ActionId, Phase = ActionPhase.Succeeded, OutputUri = "" });
        });
        await using var server = await ActionsServer.StartAsync(service);
        using var connection = new ControlPlaneConnection(new ControllerSettings(server.Endpoint, Insecure: true, UseActions: true));
        await using (var first = Controller(connection))
        {
            // Square has an output, and the fake wrote none: the controller says so instead of inventing one.
            var error = await Assert.ThrowsAsync<SystemFailureException>(() => first.RunChildAsync(Square, SquareInputs(2), CancellationToken.None));
            Assert.Equal("NoOutputs", error.Code);
        }
        await using var retried = Controller(connection);

        await Assert.ThrowsAsync<SystemFailureException>(() => retried.RunChildAsync(Square, SquareInputs(2), CancellationToken.None));

        Assert.Equal(1, executions);
        Assert.Equal(1, service.EnqueueCalls);
        Assert.Empty(service.AlreadyExisting);
    }

    [Fact]
    public async Task A_child_still_running_in_the_replay_is_followed_without_an_enqueue()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var service = new FakeActionsService(async (action, _) =>
        {
            await release.Task;
            return new ActionUpdate
            {
                ActionId = action.ActionId,
                Phase = ActionPhase.Failed,
                Error = new ExecutionError { Code = "Followed", Message = "the one run of the child" },
            };
        });
        await using var server = await ActionsServer.StartAsync(service);
        using var connection = new ControlPlaneConnection(new ControllerSettings(server.Endpoint, Insecure: true, UseActions: true));
        await using var first = Controller(connection);
        var firstCall = first.RunChildAsync(Square, SquareInputs(4), CancellationToken.None);
        await Until.TrueAsync(() => service.EnqueueCalls == 1, "the Enqueue to reach the control plane");

        // The parent's next attempt starts while the child of the first is still running.
        await using var retried = Controller(connection);
        var retriedCall = retried.RunChildAsync(Square, SquareInputs(4), CancellationToken.None);
        // Its watch open, the replay it got showed the child still running.
        await Until.TrueAsync(() => service.OpenWatches == 2, "the retried controller's watch to open");
        release.SetResult();

        Assert.Equal("Followed", (await Assert.ThrowsAsync<TaskFailedException>(() => retriedCall)).ErrorCode);
        Assert.Equal("Followed", (await Assert.ThrowsAsync<TaskFailedException>(() => firstCall)).ErrorCode);
        Assert.Equal(1, service.EnqueueCalls);
        Assert.Empty(service.AlreadyExisting);
    }

    [Fact]
    public async Task An_enqueue_refused_as_INTERNAL_already_exists_is_reuse()
    {
        int executions = 0;
        var service = new FakeActionsService((action, _) =>
        {
            Interlocked.Increment(ref executions);
            return Task.FromResult(new ActionUpdate
            {
                ActionId = action.ActionId,
                Phase = ActionPhase.Failed,
                Error = new ExecutionError { Code = "Reused", Message = "the one run of the child" },
            });
        })
        {
            // The first reply is lost after the action was taken; the retry meets the backend's answer for an existing task action.
            LostReplies = 1,
            ExistingStatus = name => new Status(StatusCode.Internal,
                $"failed to create TaskAction CR r1-{name}: taskactions.flyte.org \"r1-{name}\" already exists"),
        };
        await using var server = await ActionsServer.StartAsync(service);
        using var connection = new ControlPlaneConnection(new ControllerSettings(server.Endpoint, Insecure: true, UseActions: true));
        await using var controller = Controller(connection);

        var error = await Assert.ThrowsAsync<TaskFailedException>(() => controller.RunChildAsync(Square, SquareInputs(5), CancellationToken.None));

        Assert.Equal("Reused", error.ErrorCode);
        Assert.Equal(1, executions);
        Assert.Equal(2, service.EnqueueCalls);
        Assert.Single(service.AlreadyExisting);
    }

    [Theory]
    [InlineData(StatusCode.AlreadyExists, "action x already exists", true)]
    [InlineData(StatusCode.AlreadyExists, "", true)]
    [InlineData(StatusCode.Internal, "failed to create TaskAction CR r1-x: taskactions.flyte.org \"r1-x\" already exists", true)]
    [InlineData(StatusCode.Internal, "failed to create TaskAction CR r1-x: etcdserver: request timed out", false)]
    [InlineData(StatusCode.Unavailable, "already exists", false)]
    public void An_enqueue_refused_because_the_action_exists_is_told_from_other_refusals(StatusCode code, string detail, bool existing) =>
        Assert.Equal(existing, ExistingAction.Refused(new RpcException(new Status(code, detail))));

    [Fact]
    public async Task Without_a_control_plane_a_child_call_is_a_clear_system_failure()
    {
        using var connection = new ControlPlaneConnection(new ControllerSettings(null, Insecure: false, UseActions: false));
        await using var controller = Controller(connection);

        var error = await Assert.ThrowsAsync<SystemFailureException>(() => controller.RunChildAsync(Square, SquareInputs(2), CancellationToken.None));

        Assert.Equal("NoControlPlane", error.Code);
        Assert.Contains("_U_EP_OVERRIDE", error.Message);
    }

    [Theory]
    [InlineData("dns:///flyte.flyte.svc:8090", true, "http://flyte.flyte.svc:8090")]
    [InlineData("dns:///flyte.example.com:443", false, "https://flyte.example.com:443")]
    [InlineData("127.0.0.1:8090", true, "http://127.0.0.1:8090")]
    [InlineData("https://flyte.example.com", true, "https://flyte.example.com")]
    [InlineData("http://127.0.0.1:30080", false, "http://127.0.0.1:30080")]
    public void Endpoints_in_flyte_sdk_forms_become_grpc_addresses(string endpoint, bool insecure, string expected) =>
        Assert.Equal(expected, ControlPlaneConnection.ToAddress(endpoint, insecure));
}
