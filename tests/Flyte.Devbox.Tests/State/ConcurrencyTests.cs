using Flyte.Devbox.State;
using Flyteidl2.Common;

namespace Flyte.Devbox.Tests.State;

/// <summary>Many threads (gRPC handlers, the executor) read and write at once without SQLITE_BUSY and without losing a change.</summary>
public class ConcurrencyTests : IDisposable
{
    private const int Writers = 8;
    private const int UpdatesPerWriter = 50;

    private readonly TemporaryDatabase _temporary = new();

    private DevboxDatabase Database => _temporary.Database;

    public void Dispose() => _temporary.Dispose();

    [Fact]
    public async Task Parallel_updates_and_reads_all_succeed_and_every_change_is_recorded()
    {
        var run = Samples.CreateRun(Database);
        var keys = Enumerable.Range(0, Writers).Select(i => new ActionKey(run, $"c{i}")).ToArray();
        foreach (var key in keys)
        {
            Assert.True(Database.TryInsertAction(Samples.Action(run, key.Name, parent: "a0")));
        }
        using var stopReading = new CancellationTokenSource();

        var readers = OnOwnThreads(2, _ =>
        {
            int reads = 0;
            do
            {
                Assert.Equal(Writers + 1, Database.ListActions(run).Count);
                Assert.Equal(Writers + 1, Database.ListActionsInPhases((int)ActionPhase.Queued, (int)ActionPhase.Running).Count);
                reads++;
            }
            while (!stopReading.IsCancellationRequested);
            return reads;
        });
        var writers = OnOwnThreads(Writers, writer =>
        {
            var key = keys[writer];
            for (int i = 1; i <= UpdatesPerWriter; i++)
            {
                var current = Database.GetAction(key)!;
                Database.UpdateAction(current with { Attempts = i, Phase = i % 2 == 0 ? (int)ActionPhase.Running : (int)ActionPhase.Queued });
                Database.RecordAttempt(new AttemptRecord(key, i, (int)ActionPhase.Running, Samples.Start, null, null, "/log", null));
            }
            return writer;
        });
        await Task.WhenAll(writers);
        await stopReading.CancelAsync();
        int[] readCounts = await Task.WhenAll(readers);

        Assert.All(readCounts, count => Assert.True(count > 0));
        var allRevisions = new List<long>();
        foreach (var key in keys)
        {
            var events = Database.ListEvents(key);
            Assert.Equal(Enumerable.Range(0, 1 + UpdatesPerWriter), events.Select(e => e.Attempts));
            Assert.Equal(events[^1].Revision, Database.GetAction(key)!.Revision);
            Assert.Equal(UpdatesPerWriter, Database.GetAction(key)!.Attempts);
            Assert.Equal(UpdatesPerWriter, Database.ListAttempts(key).Count);
            allRevisions.AddRange(events.Select(e => e.Revision));
        }
        Assert.Equal(Writers * (1 + UpdatesPerWriter), allRevisions.Distinct().Count());
    }

    [Fact]
    public async Task Of_many_threads_inserting_the_same_action_or_cache_key_exactly_one_wins()
    {
        var run = Samples.CreateRun(Database);
        using var start = new Barrier(Writers);

        var results = await Task.WhenAll(OnOwnThreads(Writers, writer =>
        {
            start.SignalAndWait();
            bool inserted = Database.TryInsertAction(Samples.Action(run, "c1", parent: "a0") with { TaskName = $"env.t{writer}" });
            Database.PutCachedOutputs("key", "env.square", $"file:///out/{writer}");
            return (Writer: writer, Inserted: inserted);
        }));

        var winner = Assert.Single(results, r => r.Inserted);
        Assert.Equal($"env.t{winner.Writer}", Database.GetAction(new ActionKey(run, "c1"))!.TaskName);
        Assert.Single(Database.ListEvents(new ActionKey(run, "c1")));
        Assert.Matches("^file:///out/[0-9]$", Database.GetCachedOutputs("key"));
    }

    [Fact]
    public async Task Two_openings_of_the_same_file_writing_at_once_wait_for_each_other_instead_of_failing()
    {
        var run = Samples.CreateRun(Database);
        using var other = DevboxDatabase.Open(_temporary.Path);
        var openings = new[] { Database, other };
        var keys = Enumerable.Range(0, 4).Select(i => new ActionKey(run, $"c{i}")).ToArray();

        // The two openings do not share a writer lock: here SQLite's busy timeout makes one wait for the other.
        await Task.WhenAll(OnOwnThreads(keys.Length, i =>
        {
            var database = openings[i % 2];
            Assert.True(database.TryInsertAction(Samples.Action(run, keys[i].Name, parent: "a0")));
            for (int update = 1; update <= UpdatesPerWriter; update++)
            {
                database.UpdateAction(database.GetAction(keys[i])! with { Attempts = update });
            }
            return i;
        }));

        Assert.All(keys, key => Assert.Equal(1 + UpdatesPerWriter, Database.ListEvents(key).Count));
        var revisions = keys.SelectMany(key => Database.ListEvents(key)).Select(e => e.Revision).ToList();
        Assert.Equal(revisions.Count, revisions.Distinct().Count());
    }

    /// <summary>Runs <paramref name="work"/> on <paramref name="count"/> threads of their own, so they overlap even on a machine with few cores.</summary>
    private static Task<T>[] OnOwnThreads<T>(int count, Func<int, T> work) =>
        Enumerable.Range(0, count)
            .Select(i => Task.Factory.StartNew(() => work(i), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToArray();
}
