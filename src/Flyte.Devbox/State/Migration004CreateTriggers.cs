namespace Flyte.Devbox.State;

/// <summary>
/// Triggers (docs/triggers.md): one row per trigger of a task, kept after a soft delete; and on actions, the trigger
/// that started a run (its root action only) and the run's source, so ActionMetadata can answer them; on runs, the
/// start time a triggered run's tasks get (its scheduled time).
/// </summary>
internal static class Migration004CreateTriggers
{
    public static Migration Migration { get; } = new(4, "create triggers; add runs.run_start_time, actions.trigger_* and actions.run_source", Sql);

    // spec is a serialized TriggerSpec (inputs, run_spec); automation_spec a serialized TriggerAutomationSpec.
    private const string Sql = """
        CREATE TABLE triggers (
            org TEXT NOT NULL,
            project TEXT NOT NULL,
            domain TEXT NOT NULL,
            task_name TEXT NOT NULL,
            name TEXT NOT NULL,
            latest_revision INTEGER NOT NULL,
            task_version TEXT NOT NULL,
            active INTEGER NOT NULL,
            automation_type INTEGER NOT NULL,
            automation_spec BLOB NOT NULL,
            spec BLOB NOT NULL,
            description TEXT NOT NULL,
            deployed_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            triggered_at TEXT,
            deleted_at TEXT,
            PRIMARY KEY (org, project, domain, task_name, name)
        );

        ALTER TABLE runs ADD COLUMN run_start_time TEXT;
        ALTER TABLE actions ADD COLUMN trigger_name TEXT;
        ALTER TABLE actions ADD COLUMN trigger_task_name TEXT;
        ALTER TABLE actions ADD COLUMN trigger_revision INTEGER;
        ALTER TABLE actions ADD COLUMN run_source INTEGER NOT NULL DEFAULT 0;
        """;
}
