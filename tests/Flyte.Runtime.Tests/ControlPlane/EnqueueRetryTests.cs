using System.Globalization;
using System.Text.RegularExpressions;
using Flyte.Runtime.Execution;
using Flyteidl2.Common;
using Grpc.Core;
using static Flyte.Runtime.Tests.ControlPlane.ControllerTestBed;

namespace Flyte.Runtime.Tests.ControlPlane;

/// <summary>
/// a0's Enqueue of a child (or QueueService's EnqueueAction) when the control plane does not answer: sent again while
/// it restarts (UNAVAILABLE, DEADLINE_EXCEEDED, a call cut by the restart) and taken once it is back; given up after the
/// patience with one line naming the child and the tries; not retried when the control plane answers no.
/// </summary>
public sealed class EnqueueRetryTests : IDisposable
{
    /// <summary>The name of Square's child for x = 2 under a0, as flyte-sdk names it.</summary>
    private static readonly string SquareOf2 = SquareChildCalls.Names[2];

    private readonly string _work = Directory.CreateTempSubdirectory("a0-enqueue-retry-").FullName;
    private readonly ControllerTestBed _bed;

    public EnqueueRetryTests() => _bed = new ControllerTestBed(_work);

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(2);

    [Theory]
    [InlineData(true, StatusCode.Unavailable, "the control plane is restarting")]
    [InlineData(true, StatusCode.DeadlineExceeded, "upstream request timeout")]
    [InlineData(false, StatusCode.Unavailable, "the control plane is restarting")]
    [InlineData(false, StatusCode.DeadlineExceeded, "upstream request timeout")]
    public async Task An_enqueue_answered_with_a_transient_failure_is_sent_again_and_the_child_runs_once(bool useActions, StatusCode code, string detail)
    {
        var service = new FakeActionsService((action, _) => _bed.EndWithOutputAsync(action, ActionPhase.Succeeded, 25))
        {
            EnqueueFault = call => call <= 2 ? new Status(code, detail) : null,
        };
        await using var server = await ActionsServer.StartAsync(service);
        using var connection = Connect(server.Endpoint, useActions);
        await using var controller = _bed.Controller(connection);

        var outputs = await WithinBoundAsync(controller.RunChildAsync(Square, SquareInputs(5), CancellationToken.None), "the child call");

        Assert.Equal(25, outputs.Literals["o0"].Scalar.Primitive.Integer);
        Assert.Equal(3, service.EnqueueCalls);
        Assert.Single(service.Enqueued);
        Assert.Empty(service.AlreadyExisting);
    }

    [Fact]
    public async Task An_enqueue_cut_by_a_restart_is_taken_by_the_control_plane_that_comes_back_at_the_same_address()
    {
        // The first control plane never answers the Enqueue and never takes the child: stopping it cuts the call.
        var before = new FakeActionsService((action, _) => _bed.EndWithOutputAsync(action, ActionPhase.Succeeded, 0)) { HeldEnqueues = 1 };
        var after = new FakeActionsService((action, _) => _bed.EndWithOutputAsync(action, ActionPhase.Succeeded, 4));
        var server = await ActionsServer.StartAsync(before);
        await using var address = SwitchableForwarder.Start(server.Port);
        using var connection = Connect(address.Endpoint);
        await using var controller = _bed.Controller(connection);

        var call = controller.RunChildAsync(Square, SquareInputs(2), CancellationToken.None);
        await Until.TrueAsync(() => before.EnqueueCalls == 1, "the first Enqueue reached the first control plane");
        address.Refuse();
        await server.DisposeAsync();
        await using var restarted = await ActionsServer.StartAsync(after);
        address.ForwardTo(restarted.Port);
        var outputs = await WithinBoundAsync(call, "the child call across the restart");

        Assert.Equal(4, outputs.Literals["o0"].Scalar.Primitive.Integer);
        Assert.Empty(before.Enqueued);
        Assert.Equal(SquareOf2, Assert.Single(after.Enqueued).Action.ActionId.Name);
    }

    [Fact]
    public async Task An_enqueue_cut_by_a_control_plane_that_never_comes_back_fails_with_one_line_naming_the_child()
    {
        var service = new FakeActionsService((action, _) => _bed.EndWithOutputAsync(action, ActionPhase.Succeeded, 4)) { HeldEnqueues = 1 };
        var server = await ActionsServer.StartAsync(service);
        await using var address = SwitchableForwarder.Start(server.Port);
        string endpoint = address.Endpoint;
        using var connection = Connect(endpoint);
        await using var controller = _bed.Controller(connection, Patience);

        var call = controller.RunChildAsync(Square, SquareInputs(2), CancellationToken.None);
        await Until.TrueAsync(() => service.EnqueueCalls == 1, "the Enqueue reached the control plane");
        address.Refuse();
        await server.DisposeAsync();
        var error = await FailureOfAsync<SystemFailureException>(call, "the child call whose control plane is gone");

        Assert.Equal("EnqueueFailed", error.Code);
        Assert.StartsWith($"gave up on enqueueing child action {SquareOf2} (quickstart.Square) at {endpoint}: no answer for ", error.Message);
        Assert.Contains("last error: Unavailable: ", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Empty(service.Enqueued);
    }

    [Fact]
    public async Task An_enqueue_that_keeps_failing_is_given_up_after_its_patience_counting_every_try()
    {
        var service = new FakeActionsService((action, _) => _bed.EndWithOutputAsync(action, ActionPhase.Succeeded, 4))
        {
            EnqueueFault = _ => new Status(StatusCode.Unavailable, "no leader"),
        };
        await using var server = await ActionsServer.StartAsync(service);
        using var connection = Connect(server.Endpoint);
        await using var controller = _bed.Controller(connection, Patience);

        var error = await FailureOfAsync<SystemFailureException>(
            controller.RunChildAsync(Square, SquareInputs(2), CancellationToken.None), "the child call whose Enqueue keeps failing");

        Assert.Equal("EnqueueFailed", error.Code);
        var line = Regex.Match(error.Message,
            $@"^gave up on enqueueing child action {SquareOf2} \(quickstart\.Square\) at {Regex.Escape(server.Endpoint)}: no answer for \d+s over (?<tries>\d+) tries; last error: Unavailable: no leader$");
        Assert.True(line.Success, error.Message);
        Assert.Equal(service.EnqueueCalls, int.Parse(line.Groups["tries"].Value, CultureInfo.InvariantCulture));
        Assert.True(service.EnqueueCalls >= 2, $"the Enqueue was tried {service.EnqueueCalls} time(s) before giving up");
        Assert.Empty(service.Enqueued);
    }

    [Fact]
    public async Task An_enqueue_the_control_plane_refuses_is_not_sent_again()
    {
        var service = new FakeActionsService((action, _) => _bed.EndWithOutputAsync(action, ActionPhase.Succeeded, 4))
        {
            EnqueueFault = _ => new Status(StatusCode.InvalidArgument, "task spec has no container"),
        };
        await using var server = await ActionsServer.StartAsync(service);
        using var connection = Connect(server.Endpoint);
        // The default patience (minutes): a refusal that were retried would outlast the bound.
        await using var controller = _bed.Controller(connection);

        var error = await FailureOfAsync<SystemFailureException>(
            controller.RunChildAsync(Square, SquareInputs(2), CancellationToken.None), "the child call whose Enqueue is refused");

        Assert.Equal("EnqueueFailed", error.Code);
        Assert.Equal($"the control plane at {server.Endpoint} did not take child action {SquareOf2} (quickstart.Square) through ActionsService: "
            + "InvalidArgument: task spec has no container", error.Message);
        Assert.Equal(1, service.EnqueueCalls);
    }
}
