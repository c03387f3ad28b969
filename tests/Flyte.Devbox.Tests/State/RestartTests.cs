using Flyte.Devbox.State;
using Flyteidl2.Common;

namespace Flyte.Devbox.Tests.State;

/// <summary>The restart guarantee: whatever was stored before the database closed is there when it opens again.</summary>
public class RestartTests : IDisposable
{
    private readonly TemporaryDatabase _temporary = new();

    public void Dispose() => _temporary.Dispose();

    [Fact]
    public void Everything_stored_before_a_restart_is_found_after_it()
    {
        var before = _temporary.Database;
        var task = Samples.Task(Samples.TaskKey(), [1, 2, 3], Samples.Start);
        before.DeployTask(task);
        var runKey = Samples.CreateRun(before);
        var run = before.GetRun(runKey)! with { Phase = (int)ActionPhase.Running };
        before.UpdateRun(run);
        var root = before.UpdateAction(before.GetAction(new ActionKey(runKey, "a0"))! with
        {
            Phase = (int)ActionPhase.Running,
            Attempts = 1,
            StartedAt = Samples.Start.AddSeconds(1),
        });
        before.TryInsertAction(Samples.Action(runKey, "c1", parent: "a0") with { CacheKey = "ck", Group = "g" });
        var child = before.GetAction(new ActionKey(runKey, "c1"))!;
        var attempt = new AttemptRecord(root.Key, 0, (int)ActionPhase.Running, Samples.Start.AddSeconds(1), null, null, "/logs/a0/0.log", null);
        before.RecordAttempt(attempt);
        before.PutCachedOutputs("ck", "env.square", "file:///out");
        var events = before.ListEvents(root.Key);

        var after = _temporary.Reopen();

        RecordAssert.Same(task, after.GetTask(task.Key));
        RecordAssert.Same(run, after.GetRun(runKey));
        RecordAssert.Same(root, after.GetAction(root.Key));
        Assert.Equal(root.Revision, after.GetAction(root.Key)!.Revision);
        RecordAssert.Same(child, after.GetAction(child.Key));
        Assert.Equal(events, after.ListEvents(root.Key));
        RecordAssert.Same(attempt, Assert.Single(after.ListAttempts(root.Key)));
        Assert.Equal("file:///out", after.GetCachedOutputs("ck"));
        // The executor's recovery finds the action that was running, and the queue finds the one that was waiting.
        Assert.Equal(["a0"], after.ListActionsInPhases((int)ActionPhase.Running).Select(a => a.Key.Name));
        Assert.Equal(["c1"], after.ListActionsInPhases((int)ActionPhase.Queued).Select(a => a.Key.Name));
        // The revision sequence carries on where it stopped.
        var next = after.UpdateAction(child with { Phase = (int)ActionPhase.Running });
        Assert.Equal(Math.Max(root.Revision, child.Revision) + 1, next.Revision);
    }

    [Fact]
    public void A_change_is_durable_once_the_call_returns_even_without_closing_the_database()
    {
        var runKey = Samples.CreateRun(_temporary.Database);
        _temporary.Database.UpdateAction(_temporary.Database.GetAction(new ActionKey(runKey, "a0"))! with { Phase = (int)ActionPhase.Succeeded });

        // A second, independent opening of the file (as after a crash, while the WAL has not been checkpointed) sees it.
        using var second = Flyte.Devbox.State.DevboxDatabase.Open(_temporary.Path);

        Assert.Equal((int)ActionPhase.Succeeded, second.GetAction(new ActionKey(runKey, "a0"))!.Phase);
        Assert.Equal(2, second.ListEvents(new ActionKey(runKey, "a0")).Count);
    }
}
