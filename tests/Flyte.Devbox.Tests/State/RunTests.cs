using Flyte.Devbox.State;
using Flyteidl2.Common;
using Microsoft.Data.Sqlite;

namespace Flyte.Devbox.Tests.State;

/// <summary>A run is stored together with its root action or not at all; run names are unique; runs page newest first.</summary>
public class RunTests : IDisposable
{
    private readonly TemporaryDatabase _temporary = new();

    private DevboxDatabase Database => _temporary.Database;

    public void Dispose() => _temporary.Dispose();

    [Fact]
    public void Creating_a_run_stores_it_with_its_root_action_and_the_root_actions_first_event()
    {
        var key = Samples.RunKey();
        var run = Samples.Run(key);
        var root = Samples.Action(key, "a0");

        Assert.True(Database.TryCreateRun(run, root));

        RecordAssert.Same(run, Database.GetRun(key));
        var stored = Database.GetAction(root.Key);
        RecordAssert.Same(root, stored);
        Assert.True(stored!.Revision > 0);
        var created = Assert.Single(Database.ListEvents(root.Key));
        Assert.Equal((int)ActionPhase.Queued, created.Phase);
        Assert.Equal(stored.Revision, created.Revision);
    }

    [Fact]
    public void A_run_name_that_is_taken_is_refused_and_nothing_is_written()
    {
        var key = Samples.RunKey();
        var run = Samples.Run(key);
        Assert.True(Database.TryCreateRun(run, Samples.Action(key, "a0")));

        var other = Samples.Run(key, Samples.Start.AddHours(1)) with { RootTaskName = "env.other", InputsUri = "file:///elsewhere" };
        bool created = Database.TryCreateRun(other, Samples.Action(key, "a0") with { TaskName = "env.other" });

        Assert.False(created);
        RecordAssert.Same(run, Database.GetRun(key));
        var root = Assert.Single(Database.ListActions(key));
        Assert.Equal("env.square", root.TaskName);
        Assert.Single(Database.ListEvents(root.Key));
    }

    [Fact]
    public void When_the_root_action_cannot_be_stored_the_run_is_not_stored_either()
    {
        var key = Samples.RunKey();
        var unstorable = Samples.Action(key, "a0") with { TaskName = null! };

        Assert.Throws<SqliteException>(() => Database.TryCreateRun(Samples.Run(key), unstorable));

        Assert.Null(Database.GetRun(key));
        Assert.Empty(Database.ListActions(key));
        Assert.True(Database.TryCreateRun(Samples.Run(key), Samples.Action(key, "a0")));
    }

    [Fact]
    public void A_root_action_of_another_run_is_rejected()
    {
        var key = Samples.RunKey("r1");

        Assert.Throws<ArgumentException>(() => Database.TryCreateRun(Samples.Run(key), Samples.Action(Samples.RunKey("r2"), "a0")));

        Assert.Null(Database.GetRun(key));
    }

    [Fact]
    public void Runs_are_listed_newest_first_in_pages_that_follow_the_last_name()
    {
        for (int i = 1; i <= 5; i++)
        {
            Samples.CreateRun(Database, $"r{i}", Samples.Start.AddMinutes(i));
        }
        // Created at the same moment as r5: ties are broken by name, descending.
        Samples.CreateRun(Database, "r0", Samples.Start.AddMinutes(5));
        var elsewhere = Samples.RunKey("r9") with { Project = "other" };
        Assert.True(Database.TryCreateRun(Samples.Run(elsewhere, Samples.Start.AddDays(1)), Samples.Action(elsewhere, "a0")));

        var pages = new List<string[]>();
        string? token = null;
        do
        {
            var page = Database.ListRuns("", "flytesnacks", "development", 2, token);
            pages.Add(page.Select(r => r.Key.Name).ToArray());
            token = page.Count == 2 ? page[^1].Key.Name : null;
        }
        while (token is not null);

        Assert.Equal([["r5", "r0"], ["r4", "r3"], ["r2", "r1"], []], pages);
    }

    [Fact]
    public void A_paging_token_that_names_no_run_is_rejected()
    {
        Samples.CreateRun(Database);

        Assert.Throws<ArgumentException>(() => Database.ListRuns("", "flytesnacks", "development", 10, "no-such-run"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Database.ListRuns("", "flytesnacks", "development", 0, null));
    }

    [Fact]
    public void Updating_a_run_writes_its_phase_end_and_abort_flag()
    {
        var key = Samples.CreateRun(Database);
        var ended = Database.GetRun(key)! with { Phase = (int)ActionPhase.Aborted, EndedAt = Samples.Start.AddMinutes(3), AbortRequested = true };

        Database.UpdateRun(ended);

        RecordAssert.Same(ended, Database.GetRun(key));
        Assert.Throws<KeyNotFoundException>(() => Database.UpdateRun(ended with { Key = Samples.RunKey("missing") }));
    }
}
