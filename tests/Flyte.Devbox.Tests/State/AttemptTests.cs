using Flyte.Devbox.State;
using Flyteidl2.Common;
using Microsoft.Data.Sqlite;

namespace Flyte.Devbox.Tests.State;

/// <summary>Attempts: one row per attempt number, rewritten as the attempt progresses.</summary>
public class AttemptTests : IDisposable
{
    private readonly TemporaryDatabase _temporary = new();

    private DevboxDatabase Database => _temporary.Database;

    public void Dispose() => _temporary.Dispose();

    [Fact]
    public void Recording_an_attempt_again_replaces_it_and_attempts_are_listed_by_number()
    {
        var root = new ActionKey(Samples.CreateRun(Database), "a0");
        var first = new AttemptRecord(root, 0, (int)ActionPhase.Running, Samples.Start, null, null, "/logs/a0/0.log", null);
        var second = new AttemptRecord(root, 1, (int)ActionPhase.Running, Samples.Start.AddMinutes(1), null, null, "/logs/a0/1.log", null);
        var firstFailed = first with { Phase = (int)ActionPhase.Failed, EndedAt = Samples.Start.AddSeconds(30), ExitCode = 0, Error = [4, 2] };

        Database.RecordAttempt(second);
        Database.RecordAttempt(first);
        Database.RecordAttempt(firstFailed);

        var attempts = Database.ListAttempts(root);
        Assert.Equal(2, attempts.Count);
        RecordAssert.Same(firstFailed, attempts[0]);
        RecordAssert.Same(second, attempts[1]);
        Assert.Empty(Database.ListAttempts(root with { Name = "c1" }));
    }

    [Fact]
    public void An_attempt_of_an_action_that_does_not_exist_is_rejected()
    {
        var missing = new ActionKey(Samples.CreateRun(Database), "missing");

        Assert.Throws<SqliteException>(() => Database.RecordAttempt(new AttemptRecord(missing, 0, (int)ActionPhase.Running, Samples.Start, null, null, "/log", null)));

        Assert.Empty(Database.ListAttempts(missing));
    }
}
