using Flyte.Devbox.State;
using Flyteidl2.Common;

namespace Flyte.Devbox.Tests.State;

/// <summary>Actions: inserted once, updated with a new revision and an event each time, found by run, parent and phase.</summary>
public class ActionTests : IDisposable
{
    private readonly TemporaryDatabase _temporary = new();

    private DevboxDatabase Database => _temporary.Database;

    public void Dispose() => _temporary.Dispose();

    [Fact]
    public void An_action_is_stored_with_every_field_and_timestamps_in_UTC()
    {
        var run = Samples.CreateRun(Database);
        var eastOfUtc = new DateTimeOffset(2025, 3, 14, 17, 9, 26, TimeSpan.FromHours(2)).AddTicks(1234567);
        var child = Samples.Action(run, "c1", parent: "a0", createdAt: eastOfUtc) with
        {
            Group = "fan-out",
            CacheKey = "cache-key",
            TaskVersion = "",
            Phase = (int)ActionPhase.Succeeded,
            Attempts = 2,
            OutputUri = "file:///out/c1/1",
            Error = [],
            CacheHit = true,
            AbortRequested = true,
            StartedAt = eastOfUtc.AddSeconds(1),
            EndedAt = eastOfUtc.AddSeconds(2),
        };

        Assert.True(Database.TryInsertAction(child));

        var stored = Database.GetAction(child.Key);
        RecordAssert.Same(child, stored);
        Assert.Equal(TimeSpan.Zero, stored!.CreatedAt.Offset);
        Assert.Equal(eastOfUtc.UtcTicks, stored.CreatedAt.UtcTicks);
        Assert.NotNull(stored.Error);
        Assert.Null(Database.GetAction(child.Key with { Name = "c2" }));
    }

    [Fact]
    public void Inserting_an_existing_action_returns_false_and_changes_nothing()
    {
        var run = Samples.CreateRun(Database);
        var child = Samples.Action(run, "c1", parent: "a0");
        Database.TryInsertAction(child);
        var before = Database.GetAction(child.Key)!;

        bool inserted = Database.TryInsertAction(child with { TaskName = "env.other", Phase = (int)ActionPhase.Running });

        Assert.False(inserted);
        Assert.Equal(before.Revision, Database.GetAction(child.Key)!.Revision);
        Assert.Equal("env.square", Database.GetAction(child.Key)!.TaskName);
        Assert.Single(Database.ListEvents(child.Key));
    }

    [Fact]
    public void An_action_of_a_run_that_does_not_exist_is_rejected()
    {
        var orphan = Samples.Action(Samples.RunKey("missing"), "c1");

        Assert.Throws<KeyNotFoundException>(() => Database.TryInsertAction(orphan));
        Assert.Null(Database.GetAction(orphan.Key));
    }

    [Fact]
    public void Each_update_writes_the_mutable_fields_takes_a_new_revision_and_appends_an_event()
    {
        var run = Samples.CreateRun(Database);
        var root = Database.GetAction(new ActionKey(run, "a0"))!;

        var running = Database.UpdateAction(root with { Phase = (int)ActionPhase.Running, Attempts = 1, StartedAt = Samples.Start.AddSeconds(1) });
        var failed = Database.UpdateAction(running with
        {
            Phase = (int)ActionPhase.Failed,
            Error = [7, 7],
            EndedAt = Samples.Start.AddSeconds(5),
            // What the action runs is fixed at insert: an update does not change it.
            TaskName = "env.other",
        });

        Assert.True(running.Revision > root.Revision);
        Assert.True(failed.Revision > running.Revision);
        Assert.Equal("env.square", failed.TaskName);
        Assert.Equal([7, 7], failed.Error);
        Assert.Equal(Samples.Start.AddSeconds(1), failed.StartedAt);
        Assert.Equal(Samples.Start.AddSeconds(5), failed.EndedAt);
        Assert.Equal(failed.Revision, Database.GetAction(root.Key)!.Revision);
        var events = Database.ListEvents(root.Key);
        Assert.Equal([(int)ActionPhase.Queued, (int)ActionPhase.Running, (int)ActionPhase.Failed], events.Select(e => e.Phase));
        Assert.Equal([0, 1, 1], events.Select(e => e.Attempts));
        Assert.Equal([root.Revision, running.Revision, failed.Revision], events.Select(e => e.Revision));
        Assert.All(events, e => Assert.Equal(root.Key, e.Action));
    }

    [Fact]
    public void Updating_a_missing_action_throws_and_uses_up_no_revision()
    {
        var run = Samples.CreateRun(Database);
        var root = Database.GetAction(new ActionKey(run, "a0"))!;

        Assert.Throws<KeyNotFoundException>(() => Database.UpdateAction(root with { Key = root.Key with { Name = "missing" } }));

        var updated = Database.UpdateAction(root with { Phase = (int)ActionPhase.Running });
        Assert.Equal(root.Revision + 1, updated.Revision);
    }

    [Fact]
    public void Revisions_are_one_sequence_across_runs_and_let_a_watcher_resume()
    {
        var first = Samples.CreateRun(Database, "r1");
        var second = Samples.CreateRun(Database, "r2");
        Database.TryInsertAction(Samples.Action(first, "c1", parent: "a0"));
        long seen = Database.GetAction(new ActionKey(first, "c1"))!.Revision;

        Database.UpdateAction(Database.GetAction(new ActionKey(second, "a0"))! with { Phase = (int)ActionPhase.Running });
        Database.UpdateAction(Database.GetAction(new ActionKey(first, "a0"))! with { Phase = (int)ActionPhase.Running });

        var revisions = new[] { "r1", "r2" }.SelectMany(r => Database.ListActions(Samples.RunKey(r))).Select(a => a.Revision).ToList();
        Assert.Equal(revisions.Count, revisions.Distinct().Count());
        var changed = Assert.Single(Database.ListActionsChangedAfter(first, seen));
        Assert.Equal("a0", changed.Key.Name);
        Assert.Equal(["a0", "c1"], Database.ListActionsChangedAfter(first, 0).Select(a => a.Key.Name).Order());
    }

    [Fact]
    public void Actions_are_listed_in_creation_order_and_children_by_parent()
    {
        var run = Samples.CreateRun(Database);
        Database.TryInsertAction(Samples.Action(run, "c2", parent: "a0", createdAt: Samples.Start.AddSeconds(2)));
        Database.TryInsertAction(Samples.Action(run, "c1", parent: "a0", createdAt: Samples.Start.AddSeconds(1)));
        Database.TryInsertAction(Samples.Action(run, "g1", parent: "c1", createdAt: Samples.Start.AddSeconds(3)));
        var otherRun = Samples.CreateRun(Database, "r2");
        Database.TryInsertAction(Samples.Action(otherRun, "x1", parent: "a0"));

        Assert.Equal(["a0", "c1", "c2", "g1"], Database.ListActions(run).Select(a => a.Key.Name));
        Assert.Equal(["c1", "c2"], Database.ListChildren(run, "a0").Select(a => a.Key.Name));
        Assert.Equal(["g1"], Database.ListChildren(run, "c1").Select(a => a.Key.Name));
        Assert.Empty(Database.ListChildren(run, "g1"));
    }

    [Fact]
    public void Actions_in_given_phases_are_listed_oldest_first_across_runs()
    {
        var newer = Samples.CreateRun(Database, "newer", Samples.Start.AddMinutes(10));
        var older = Samples.CreateRun(Database, "older", Samples.Start);
        Database.TryInsertAction(Samples.Action(older, "c1", parent: "a0", createdAt: Samples.Start.AddMinutes(1)) with { Phase = (int)ActionPhase.Running });
        Database.TryInsertAction(Samples.Action(older, "c2", parent: "a0", createdAt: Samples.Start.AddMinutes(2)) with { Phase = (int)ActionPhase.Succeeded });
        Database.TryInsertAction(Samples.Action(newer, "c3", parent: "a0", createdAt: Samples.Start.AddMinutes(11)) with { Phase = (int)ActionPhase.WaitingForResources });

        var waiting = Database.ListActionsInPhases((int)ActionPhase.Queued, (int)ActionPhase.WaitingForResources);
        var inFlight = Database.ListActionsInPhases((int)ActionPhase.Initializing, (int)ActionPhase.Running);

        Assert.Equal(["older/a0", "newer/a0", "newer/c3"], waiting.Select(a => $"{a.Key.Run.Name}/{a.Key.Name}"));
        Assert.Equal(["older/c1"], inFlight.Select(a => $"{a.Key.Run.Name}/{a.Key.Name}"));
        Assert.Empty(Database.ListActionsInPhases());
        Assert.Empty(Database.ListActionsInPhases((int)ActionPhase.TimedOut));
    }
}
