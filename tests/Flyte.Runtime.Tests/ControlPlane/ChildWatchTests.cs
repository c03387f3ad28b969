using Flyte.Generation;
using Flyte.Remote;
using Flyte.Runtime.CommandLine;
using Flyte.Runtime.Controller;
using Flyte.Runtime.Execution;
using Flyte.Storage;
using Flyte.Tasks;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Workflow;
using Action = Flyteidl2.Actions.Action;

namespace Flyte.Runtime.Tests.ControlPlane;

/// <summary>a0's watch of its children when the control plane restarts, never comes back, or answers RECOVERED.</summary>
public sealed class ChildWatchTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("a0-child-watch-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static readonly ActionIdentifier Parent = new()
    {
        Run = new RunIdentifier { Project = "flytesnacks", Domain = "development", Name = "r1" },
        Name = "a0",
    };

    private static TaskDefinition Square => SampleTasks.Get(SampleOutputs.Quickstart, "Quickstart", "quickstart.Square");

    private static LiteralMap SquareInputs(long x) => new() { Literals = { ["x"] = ScalarLiterals.FromInt64(x) } };

    private ActionsController Controller(ControlPlaneConnection connection, TimeSpan? patience = null) =>
        new(connection, Parent, Path.Combine(_work, "run"), new TaskTemplateSettings { Version = "v1" }, new Dictionary<string, string>(), TextWriter.Null, patience);

    private static ControlPlaneConnection Connect(string endpoint) => new(new ControllerSettings(endpoint, Insecure: true, UseActions: true));

    /// <summary>Writes the outputs a child would have (o0 = <paramref name="value"/>) and answers its end in <paramref name="phase"/>.</summary>
    private async Task<ActionUpdate> EndWithOutputAsync(Action action, ActionPhase phase, long value)
    {
        string prefix = Path.Combine(_work, "outputs", action.ActionId.Name, "0");
        var outputs = new Flyteidl2.Task.Outputs { Literals = { new Flyteidl2.Task.NamedLiteral { Name = "o0", Value = ScalarLiterals.FromInt64(value) } } };
        await ProtoObjects.WriteAsync(ProtoObjects.Join(prefix, "outputs.pb"), outputs);
        return new ActionUpdate { ActionId = action.ActionId, Phase = phase, OutputUri = prefix };
    }

    [Fact]
    public async Task A_recovered_child_is_a_success_whose_outputs_are_read()
    {
        var service = new FakeActionsService((action, _) => EndWithOutputAsync(action, PhaseNames.Recovered, 81));
        await using var server = await ActionsServer.StartAsync(service);
        using var connection = Connect(server.Endpoint);
        await using var controller = Controller(connection);

        var outputs = await controller.RunChildAsync(Square, SquareInputs(9), CancellationToken.None);

        Assert.Equal(81, outputs.Literals["o0"].Scalar.Primitive.Integer);
    }

    [Fact]
    public async Task The_watch_reopens_when_the_control_plane_comes_back_and_the_child_finishes()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var service = new FakeActionsService(async (action, _) =>
        {
            await release.Task;
            return await EndWithOutputAsync(action, ActionPhase.Succeeded, 16);
        });
        var server = await ActionsServer.StartAsync(service);
        // The control plane's address stays the test's own while its server restarts (SwitchableForwarder says why).
        await using var address = SwitchableForwarder.Start(server.Port);
        using var connection = Connect(address.Endpoint);
        await using var controller = Controller(connection);

        var call = controller.RunChildAsync(Square, SquareInputs(4), CancellationToken.None);
        await Until.TrueAsync(() => !service.Enqueued.IsEmpty, "the child enqueued");
        address.Refuse();
        await server.DisposeAsync();
        // The child ends while nobody watches; the reopened watch's replay brings its end.
        release.SetResult();
        string child = Assert.Single(service.Enqueued).Action.ActionId.Name;
        await Until.TrueAsync(() => service.PhaseOf(child) == ActionPhase.Succeeded, "the child to succeed");
        await using var restarted = await ActionsServer.StartAsync(service);
        address.ForwardTo(restarted.Port);
        var outputs = await call;

        Assert.Equal(16, outputs.Literals["o0"].Scalar.Primitive.Integer);
        Assert.Single(service.Enqueued);
    }

    [Fact]
    public async Task A_control_plane_that_does_not_come_back_fails_the_child_call_with_one_line_naming_it()
    {
        var service = new FakeActionsService((action, _) => EndWithOutputAsync(action, ActionPhase.Succeeded, 0));
        var server = await ActionsServer.StartAsync(service);
        await using var address = SwitchableForwarder.Start(server.Port);
        address.Refuse();
        await server.DisposeAsync();
        string endpoint = address.Endpoint;
        using var connection = Connect(endpoint);
        await using var controller = Controller(connection, patience: TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<SystemFailureException>(() => controller.RunChildAsync(Square, SquareInputs(2), CancellationToken.None));

        Assert.Equal("WatchFailed", error.Code);
        Assert.Contains($"gave up on the watch of the child actions of a0 at {endpoint}", error.Message);
        Assert.Contains("last error: Unavailable", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Empty(service.Enqueued);
    }
}
