namespace Flyte.Devbox.State;

/// <summary>The first schema: tasks, runs, actions with their events and attempts, and the output cache.</summary>
internal static class Migration001CreateTables
{
    public static Migration Migration { get; } = new(1, "create tasks, runs, actions, action_events, attempts and cache", Sql);

    // Timestamps are UTC ISO-8601 text (see Timestamps), flags are 0 or 1, protobuf payloads are BLOBs.
    private const string Sql = """
        CREATE TABLE tasks (
            org TEXT NOT NULL,
            project TEXT NOT NULL,
            domain TEXT NOT NULL,
            name TEXT NOT NULL,
            version TEXT NOT NULL,
            spec BLOB NOT NULL,
            spec_sha256 TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (org, project, domain, name, version)
        );

        CREATE TABLE runs (
            org TEXT NOT NULL,
            project TEXT NOT NULL,
            domain TEXT NOT NULL,
            name TEXT NOT NULL,
            created_at TEXT NOT NULL,
            root_task_name TEXT NOT NULL,
            phase INTEGER NOT NULL,
            inputs_uri TEXT NOT NULL,
            run_base TEXT NOT NULL,
            ended_at TEXT,
            abort_requested INTEGER NOT NULL,
            spec BLOB,
            PRIMARY KEY (org, project, domain, name)
        );
        CREATE INDEX runs_by_creation ON runs (org, project, domain, created_at, name);

        CREATE TABLE actions (
            org TEXT NOT NULL,
            project TEXT NOT NULL,
            domain TEXT NOT NULL,
            run_name TEXT NOT NULL,
            name TEXT NOT NULL,
            parent_name TEXT,
            task_name TEXT NOT NULL,
            task_version TEXT NOT NULL,
            spec BLOB NOT NULL,
            input_uri TEXT NOT NULL,
            run_output_base TEXT NOT NULL,
            group_name TEXT,
            cache_key TEXT,
            phase INTEGER NOT NULL,
            attempts INTEGER NOT NULL,
            output_uri TEXT,
            error BLOB,
            cache_hit INTEGER NOT NULL,
            abort_requested INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            started_at TEXT,
            ended_at TEXT,
            revision INTEGER NOT NULL,
            PRIMARY KEY (org, project, domain, run_name, name),
            FOREIGN KEY (org, project, domain, run_name) REFERENCES runs (org, project, domain, name)
        );
        CREATE INDEX actions_by_parent ON actions (org, project, domain, run_name, parent_name);
        CREATE INDEX actions_by_phase ON actions (phase, created_at);
        CREATE INDEX actions_by_revision ON actions (org, project, domain, run_name, revision);

        -- The global sequence behind actions.revision and action_events.revision: one row, bumped on every change.
        CREATE TABLE revision_counter (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            last_revision INTEGER NOT NULL
        );
        INSERT INTO revision_counter (id, last_revision) VALUES (1, 0);

        CREATE TABLE action_events (
            revision INTEGER PRIMARY KEY,
            org TEXT NOT NULL,
            project TEXT NOT NULL,
            domain TEXT NOT NULL,
            run_name TEXT NOT NULL,
            action_name TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            phase INTEGER NOT NULL,
            at TEXT NOT NULL,
            FOREIGN KEY (org, project, domain, run_name, action_name) REFERENCES actions (org, project, domain, run_name, name)
        );
        CREATE INDEX action_events_by_action ON action_events (org, project, domain, run_name, action_name, revision);

        CREATE TABLE attempts (
            org TEXT NOT NULL,
            project TEXT NOT NULL,
            domain TEXT NOT NULL,
            run_name TEXT NOT NULL,
            action_name TEXT NOT NULL,
            attempt INTEGER NOT NULL,
            phase INTEGER NOT NULL,
            started_at TEXT NOT NULL,
            ended_at TEXT,
            exit_code INTEGER,
            log_path TEXT NOT NULL,
            error BLOB,
            PRIMARY KEY (org, project, domain, run_name, action_name, attempt),
            FOREIGN KEY (org, project, domain, run_name, action_name) REFERENCES actions (org, project, domain, run_name, name)
        );

        CREATE TABLE cache (
            cache_key TEXT PRIMARY KEY,
            output_uri TEXT NOT NULL,
            task_name TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        """;
}
