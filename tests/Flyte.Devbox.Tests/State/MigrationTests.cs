using Flyte.Devbox.State;
using Microsoft.Data.Sqlite;

namespace Flyte.Devbox.Tests.State;

/// <summary>Numbered migrations: applied once each, in order, and a database from a newer devbox is refused.</summary>
public class MigrationTests
{
    private static readonly Migration ExtraTable = new(2, "add a table", "CREATE TABLE extra (id INTEGER PRIMARY KEY);");

    [Fact]
    public void Opening_a_missing_file_creates_it_and_its_folders_in_WAL_mode_at_the_latest_version()
    {
        using var temporary = new TemporaryDatabase();
        Assert.False(Directory.Exists(Path.GetDirectoryName(temporary.Path)));

        var database = temporary.Database;

        Assert.True(File.Exists(temporary.Path));
        Assert.Equal(Migrations.All[^1].Version, database.GetSchemaVersion());
        Assert.Equal((long)Migrations.All.Count, temporary.RawScalar("SELECT COUNT(*) FROM schema_migrations"));
        Assert.Equal("wal", temporary.RawScalar("PRAGMA journal_mode"));
    }

    [Fact]
    public void Reopening_applies_no_migration_twice()
    {
        using var temporary = new TemporaryDatabase();
        temporary.Database.PutCachedOutputs("k", "env.square", "file:///out");
        var firstAppliedAt = temporary.RawScalar("SELECT applied_at FROM schema_migrations WHERE version = 1");

        var reopened = temporary.Reopen();

        Assert.Equal(Migrations.All.Count, reopened.GetSchemaVersion());
        Assert.Equal((long)Migrations.All.Count, temporary.RawScalar("SELECT COUNT(*) FROM schema_migrations"));
        Assert.Equal(firstAppliedAt, temporary.RawScalar("SELECT applied_at FROM schema_migrations WHERE version = 1"));
        Assert.Equal("file:///out", reopened.GetCachedOutputs("k"));
    }

    [Fact]
    public void A_migration_appended_later_is_applied_once_on_top_of_the_existing_data()
    {
        using var temporary = new TemporaryDatabase();
        using (var version1 = DevboxDatabase.Open(temporary.Path, [Migration001CreateTables.Migration]))
        {
            version1.PutCachedOutputs("k", "env.square", "file:///out");
        }

        using (var version2 = DevboxDatabase.Open(temporary.Path, [Migration001CreateTables.Migration, ExtraTable]))
        {
            Assert.Equal(2, version2.GetSchemaVersion());
            Assert.Equal("file:///out", version2.GetCachedOutputs("k"));
        }
        using (var again = DevboxDatabase.Open(temporary.Path, [Migration001CreateTables.Migration, ExtraTable]))
        {
            Assert.Equal(2, again.GetSchemaVersion());
        }

        Assert.Equal(2L, temporary.RawScalar("SELECT COUNT(*) FROM schema_migrations"));
        Assert.Equal(0L, temporary.RawScalar("SELECT COUNT(*) FROM extra"));
    }

    [Fact]
    public void A_database_migrated_by_a_newer_devbox_is_refused_with_a_clear_message()
    {
        using var temporary = new TemporaryDatabase();
        using (DevboxDatabase.Open(temporary.Path, [Migration001CreateTables.Migration, ExtraTable]))
        {
        }

        var refused = Assert.Throws<UnsupportedSchemaVersionException>(() => DevboxDatabase.Open(temporary.Path, [Migration001CreateTables.Migration]));

        Assert.Equal(2, refused.DatabaseVersion);
        Assert.Equal(1, refused.LatestKnownVersion);
        Assert.Contains("has schema version 2", refused.Message);
        Assert.Contains("only knows versions up to 1", refused.Message);
        Assert.Contains(temporary.Path, refused.Message);
        Assert.Equal(2L, temporary.RawScalar("SELECT MAX(version) FROM schema_migrations"));
    }

    [Fact]
    public void Open_refuses_a_version_beyond_the_known_migrations()
    {
        using var temporary = new TemporaryDatabase();
        _ = temporary.Database;
        temporary.Close();
        temporary.RawScalar("INSERT INTO schema_migrations (version, applied_at) VALUES (999, '2030-01-01T00:00:00.0000000Z')");

        var refused = Assert.Throws<UnsupportedSchemaVersionException>(() => DevboxDatabase.Open(temporary.Path));

        Assert.Equal(999, refused.DatabaseVersion);
        Assert.Equal(Migrations.All.Count, refused.LatestKnownVersion);
    }

    [Fact]
    public void A_failing_migration_is_rolled_back_and_leaves_the_previous_version()
    {
        using var temporary = new TemporaryDatabase();
        var broken = new Migration(2, "broken", "CREATE TABLE half_done (id INTEGER); INSERT INTO no_such_table VALUES (1);");

        Assert.Throws<SqliteException>(() => DevboxDatabase.Open(temporary.Path, [Migration001CreateTables.Migration, broken]));

        using var database = DevboxDatabase.Open(temporary.Path, [Migration001CreateTables.Migration]);
        Assert.Equal(1, database.GetSchemaVersion());
        Assert.Equal(0L, temporary.RawScalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'half_done'"));
    }

    [Fact]
    public void A_database_of_schema_version_2_opens_at_the_latest_version_and_its_actions_read_as_tasks()
    {
        using var temporary = new TemporaryDatabase();
        using (DevboxDatabase.Open(temporary.Path, [Migration001CreateTables.Migration, Migration002CreateSecrets.Migration]))
        {
        }
        // A run and two actions as the previous devbox wrote them, with the columns it knew.
        temporary.RawScalar("""
            INSERT INTO runs (org, project, domain, name, created_at, root_task_name, phase, inputs_uri, run_base, ended_at, abort_requested, spec)
            VALUES ('', 'flytesnacks', 'development', 'r1', '2025-03-14T15:09:26.5350000Z', 'env.main', 3, 'file:///store/runs/r1/inputs.pb', 'file:///store/runs/r1', NULL, 0, NULL);
            UPDATE revision_counter SET last_revision = 2;
            INSERT INTO actions (org, project, domain, run_name, name, parent_name, task_name, task_version, spec, input_uri, run_output_base,
                group_name, cache_key, phase, attempts, output_uri, error, cache_hit, abort_requested, created_at, started_at, ended_at, revision)
            VALUES
                ('', 'flytesnacks', 'development', 'r1', 'a0', NULL, 'env.main', 'v1', x'0a00', 'file:///store/runs/r1/inputs.pb', 'file:///store/runs/r1',
                    NULL, NULL, 3, 1, NULL, NULL, 0, 0, '2025-03-14T15:09:26.5350000Z', '2025-03-14T15:09:27.0000000Z', NULL, 1),
                ('', 'flytesnacks', 'development', 'r1', 'child', 'a0', 'env.square', 'v1', x'0a00', 'file:///store/runs/r1/child/inputs.pb', 'file:///store/runs/r1',
                    NULL, NULL, 1, 0, NULL, NULL, 0, 0, '2025-03-14T15:09:28.0000000Z', NULL, NULL, 2);
            """);
        Assert.Equal(0L, temporary.RawScalar("SELECT COUNT(*) FROM pragma_table_info('actions') WHERE name = 'kind'"));
        var run = Samples.RunKey("r1");

        using var latest = DevboxDatabase.Open(temporary.Path);

        Assert.Equal(Migrations.All.Count, latest.GetSchemaVersion());
        var actions = latest.ListActions(run);
        Assert.Equal(["a0", "child"], actions.Select(a => a.Key.Name));
        Assert.All(actions, action => Assert.Equal(ActionKind.Task, action.Kind));
        // Schema version 4: runs and actions stored before triggers were started by no trigger, at their creation time.
        Assert.All(actions, action => Assert.Null(action.Trigger));
        Assert.Null(latest.GetRun(run)!.StartTime);
        Assert.Equal("task", temporary.RawScalar("SELECT kind FROM actions WHERE name = 'child'"));
        Assert.True(latest.TryInsertAction(Samples.Action(run, "traced", parent: "a0") with { Kind = ActionKind.Trace, Phase = (int)Flyteidl2.Common.ActionPhase.Succeeded }));
        Assert.Equal(ActionKind.Trace, latest.GetAction(new ActionKey(run, "traced"))!.Kind);
        Assert.Equal("trace", temporary.RawScalar("SELECT kind FROM actions WHERE name = 'traced'"));
    }

    [Fact]
    public void Migrations_must_be_numbered_from_one_without_gaps()
    {
        using var temporary = new TemporaryDatabase();

        var error = Assert.Throws<InvalidOperationException>(() => DevboxDatabase.Open(temporary.Path, [ExtraTable]));

        Assert.Contains("numbered 1, 2, 3", error.Message);
        Assert.Equal(Enumerable.Range(1, Migrations.All.Count), Migrations.All.Select(m => m.Version));
    }
}
