using System.Diagnostics;
using System.Text.RegularExpressions;
using Flyte.Runtime.Execution;
using Flyteidl2.Common;
using Grpc.Core;
using static Flyte.Runtime.Tests.ControlPlane.ControllerTestBed;

namespace Flyte.Runtime.Tests.ControlPlane;

/// <summary>
/// a0's watch of its children (WatchForUpdates, or StateService's Watch) when the stream drops while the control plane
/// stays up, when every try fails, and when the control plane refuses it (docs/watches.md): reopened with the replay
/// filling in what it missed, given up after its patience with one line that counts the tries, or failed at once.
/// </summary>
public sealed class WatchRecoveryTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("a0-watch-recovery-").FullName;
    private readonly ControllerTestBed _bed;

    public WatchRecoveryTests() => _bed = new ControllerTestBed(_work);

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(2);

    [Theory]
    [InlineData(true, StatusCode.Unavailable, "Unavailable: upstream connect error")]
    [InlineData(true, StatusCode.DeadlineExceeded, "DeadlineExceeded: stream timeout")]
    [InlineData(true, StatusCode.OK, "the control plane ended the stream before the end")]
    [InlineData(false, StatusCode.Unavailable, "Unavailable: upstream connect error")]
    [InlineData(false, StatusCode.OK, "the control plane ended the stream before the end")]
    public async Task A_dropped_watch_is_reopened_and_its_replay_brings_the_end_the_parent_missed(bool useActions, StatusCode cut, string loggedReason)
    {
        var childMayEnd = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var service = new FakeActionsService(async (action, _) =>
        {
            await childMayEnd.Task;
            return await _bed.EndWithOutputAsync(action, ActionPhase.Succeeded, 16);
        });
        await using var server = await ActionsServer.StartAsync(service);
        using var connection = Connect(server.Endpoint, useActions);
        var log = new StringWriter();
        await using var controller = _bed.Controller(connection, log: TextWriter.Synchronized(log));

        var call = controller.RunChildAsync(Square, SquareInputs(4), CancellationToken.None);
        await Until.TrueAsync(() => service.Enqueued.Count == 1 && service.OpenWatches == 1, "the child enqueued and watched");
        string child = service.Enqueued.Single().Action.ActionId.Name;

        // The stream drops (the server stays up); the watch a0 reopens waits before its replay while the child ends.
        service.HoldWatches();
        service.DropWatches(cut == StatusCode.OK ? null : new Status(cut, loggedReason.Split(": ", 2)[1]));
        await Until.TrueAsync(() => service.WatchCalls == 2 && service.OpenWatches == 0, "the watch reopened and held before its replay");
        childMayEnd.SetResult();
        await Until.TrueAsync(() => service.LatestOf(child)?.Phase == ActionPhase.Succeeded, "the child ended while no watch was open");
        Assert.False(call.IsCompleted, "the parent learnt of the end without a watch");
        service.LetWatchesThrough();

        var outputs = await WithinBoundAsync(call, "the child call after the reopened watch");

        Assert.Equal(16, outputs.Literals["o0"].Scalar.Primitive.Integer);
        Assert.Single(service.Enqueued);
        Assert.Equal(2, service.WatchCalls);
        Assert.Contains($"a0: the watch of child actions stopped ({loggedReason}); reopening it, try 1", log.ToString());
    }

    [Fact]
    public async Task A_watch_that_never_comes_back_is_given_up_after_its_patience_with_one_line_counting_the_tries()
    {
        var service = new FakeActionsService((action, _) => _bed.EndWithOutputAsync(action, ActionPhase.Succeeded, 4))
        {
            WatchFault = _ => new Status(StatusCode.Unavailable, "no healthy upstream"),
        };
        await using var server = await ActionsServer.StartAsync(service);
        using var connection = Connect(server.Endpoint);
        await using var controller = _bed.Controller(connection, Patience);
        var clock = Stopwatch.StartNew();

        var error = await FailureOfAsync<SystemFailureException>(
            controller.RunChildAsync(Square, SquareInputs(2), CancellationToken.None), "the child call under a failing watch");

        Assert.Equal("WatchFailed", error.Code);
        var line = Regex.Match(error.Message,
            $@"^gave up on the watch of the child actions of a0 at {Regex.Escape(server.Endpoint)}: no answer for (?<seconds>\d+)s over (?<tries>\d+) tries; last error: Unavailable: no healthy upstream$");
        Assert.True(line.Success, error.Message);
        // Every try reached the server and failed there: the count the user reads is the count of watches opened.
        Assert.Equal(service.WatchCalls, int.Parse(line.Groups["tries"].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(service.WatchCalls >= 2, $"the watch was tried {service.WatchCalls} time(s) before giving up");
        Assert.True(clock.Elapsed >= Patience, $"gave up after {clock.Elapsed}, before its patience of {Patience}");
        // Without a replay the parent cannot know which children exist: it enqueues none.
        Assert.Empty(service.Enqueued);
    }

    [Fact]
    public async Task A_watch_lost_while_a_child_runs_fails_the_call_that_waits_for_it()
    {
        var service = new FakeActionsService(async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            throw new UnreachableException();
        });
        await using var server = await ActionsServer.StartAsync(service);
        using var connection = Connect(server.Endpoint);
        await using var controller = _bed.Controller(connection, Patience);

        var call = controller.RunChildAsync(Square, SquareInputs(3), CancellationToken.None);
        await Until.TrueAsync(() => service.Enqueued.Count == 1 && service.OpenWatches == 1, "the child enqueued and watched");
        service.WatchFault = _ => new Status(StatusCode.Unavailable, "no healthy upstream");
        service.DropWatches(new Status(StatusCode.Unavailable, "upstream reset"));
        var error = await FailureOfAsync<SystemFailureException>(call, "the child call whose watch was lost");

        Assert.Equal("WatchFailed", error.Code);
        Assert.StartsWith($"gave up on the watch of the child actions of a0 at {server.Endpoint}: no answer for ", error.Message);
        Assert.EndsWith("last error: Unavailable: no healthy upstream", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task A_watch_the_control_plane_refuses_fails_at_once_without_another_try()
    {
        var service = new FakeActionsService((action, _) => _bed.EndWithOutputAsync(action, ActionPhase.Succeeded, 4))
        {
            WatchFault = _ => new Status(StatusCode.PermissionDenied, "a0 of run r1 may not watch these actions"),
        };
        await using var server = await ActionsServer.StartAsync(service);
        using var connection = Connect(server.Endpoint);
        // The default patience (minutes): a refusal that were retried would outlast the bound.
        await using var controller = _bed.Controller(connection);

        var error = await FailureOfAsync<SystemFailureException>(
            controller.RunChildAsync(Square, SquareInputs(2), CancellationToken.None), "the child call under a refused watch");

        Assert.Equal("WatchFailed", error.Code);
        Assert.Equal($"the control plane at {server.Endpoint} refused the watch (ActionsService) of the child actions of a0: "
            + "PermissionDenied: a0 of run r1 may not watch these actions", error.Message);
        Assert.Equal(1, service.WatchCalls);
        Assert.Empty(service.Enqueued);
    }
}
