using Microsoft.Data.Sqlite;

namespace Flyte.Devbox.State;

// Triggers of tasks (docs/triggers.md): stored with the task that declares them, or one by one; soft-deleted.
public sealed partial class DevboxDatabase
{
    private const string TriggerColumns =
        "org, project, domain, task_name, name, latest_revision, task_version, active, automation_type, automation_spec, spec, description, " +
        "deployed_at, updated_at, triggered_at, deleted_at";

    /// <summary>
    /// Stores a task version and, in the same transaction, its triggers (each as <see cref="UpsertTrigger"/>); with at
    /// least one trigger, the task's other triggers are soft-deleted, as the open-source backend does. Nothing is
    /// stored when the version exists with a different spec.
    /// </summary>
    public DeployOutcome DeployTask(TaskRecord task, IReadOnlyList<TriggerRecord> triggers, DateTimeOffset now)
    {
        if (triggers.Count == 0)
        {
            return DeployTask(task);
        }
        string sha256 = TaskRecord.Sha256Hex(task.Spec);
        return Write(connection =>
        {
            var stored = connection.QuerySingle(ReadTask, $"SELECT {TaskColumns} FROM tasks WHERE {TaskKeyMatches}", TaskKeyParameters(task.Key));
            if (stored is not null && !stored.Spec.AsSpan().SequenceEqual(task.Spec))
            {
                return DeployOutcome.Conflict;
            }
            if (stored is null)
            {
                connection.Execute(
                    $"INSERT INTO tasks ({TaskColumns}) VALUES ($org, $project, $domain, $name, $version, $spec, $specSha256, $createdAt)",
                    [.. TaskKeyParameters(task.Key), ("$spec", task.Spec), ("$specSha256", sha256), ("$createdAt", Timestamps.ToText(task.CreatedAt))]);
            }
            var first = triggers[0].Key;
            var others = connection.Query(ReadTrigger,
                $"SELECT {TriggerColumns} FROM triggers WHERE org = $org AND project = $project AND domain = $domain AND task_name = $taskName AND deleted_at IS NULL",
                ("$org", first.Org), ("$project", first.Project), ("$domain", first.Domain), ("$taskName", first.TaskName));
            var kept = triggers.Select(t => t.Key.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var other in others.Where(o => !kept.Contains(o.Key.Name)))
            {
                SoftDelete(connection, other.Key, now);
            }
            foreach (var trigger in triggers)
            {
                Upsert(connection, trigger, now);
            }
            return stored is null ? DeployOutcome.Created : DeployOutcome.Unchanged;
        });
    }

    /// <summary>
    /// Stores a trigger: revision 1 when new, else the latest revision plus one, undeleting it. <c>updated_at</c> moves
    /// only when it is new, undeleted or changes between active and inactive.
    /// </summary>
    /// <param name="expectedRevision">0 for no check; else the stored latest revision must equal it (an optimistic lock).</param>
    /// <returns>The trigger as stored; null, with nothing written, when the lock failed.</returns>
    public TriggerRecord? UpsertTrigger(TriggerRecord trigger, long expectedRevision, DateTimeOffset now) => Write(connection =>
    {
        if (expectedRevision > 0)
        {
            var current = SelectTrigger(connection, trigger.Key);
            if (current is null || current.Revision != expectedRevision)
            {
                return null;
            }
        }
        return Upsert(connection, trigger, now);
    });

    /// <summary>A trigger unless missing or deleted.</summary>
    public TriggerRecord? GetTrigger(TriggerKey key) => Read(connection =>
        SelectTrigger(connection, key) is { DeletedAt: null } trigger ? trigger : null);

    /// <summary>
    /// A page of the triggers not deleted in a project and domain, active first, then most recently updated;
    /// optionally of one task (and one of its versions).
    /// </summary>
    public IReadOnlyList<TriggerRecord> ListTriggers(string? org, string? project, string? domain, string? taskName, string? taskVersion, int limit, int offset) =>
        Read(connection => connection.Query(ReadTrigger,
            $"""
            SELECT {TriggerColumns} FROM triggers
            WHERE deleted_at IS NULL
              AND ($org IS NULL OR org = $org) AND ($project IS NULL OR project = $project) AND ($domain IS NULL OR domain = $domain)
              AND ($taskName IS NULL OR task_name = $taskName) AND ($taskVersion IS NULL OR task_version = $taskVersion)
            ORDER BY active DESC, updated_at DESC, project, domain, task_name, name
            LIMIT $limit OFFSET $offset
            """,
            ("$org", org), ("$project", project), ("$domain", domain), ("$taskName", taskName), ("$taskVersion", taskVersion),
            ("$limit", limit), ("$offset", offset)));

    /// <summary>Every active schedule trigger not deleted.</summary>
    public IReadOnlyList<TriggerRecord> ListActiveScheduleTriggers(int scheduleType) => Read(connection => connection.Query(ReadTrigger,
        $"SELECT {TriggerColumns} FROM triggers WHERE deleted_at IS NULL AND active = 1 AND automation_type = $type ORDER BY org, project, domain, task_name, name",
        ("$type", scheduleType)));

    /// <summary>Activates or deactivates triggers; missing, deleted or unchanged ones are skipped.</summary>
    /// <returns>The triggers changed.</returns>
    public IReadOnlyList<TriggerKey> SetTriggersActive(IEnumerable<TriggerKey> keys, bool active, DateTimeOffset now) => Write(connection =>
    {
        var changed = new List<TriggerKey>();
        foreach (var key in keys)
        {
            int rows = connection.Execute(
                $"""
                UPDATE triggers SET active = $active, updated_at = $now, latest_revision = latest_revision + 1
                WHERE {TriggerKeyMatches} AND deleted_at IS NULL AND active != $active
                """,
                [.. TriggerKeyParameters(key), ("$active", active), ("$now", Timestamps.ToText(now))]);
            if (rows > 0)
            {
                changed.Add(key);
            }
        }
        return (IReadOnlyList<TriggerKey>)changed;
    });

    /// <summary>Soft-deletes triggers (inactive, hidden); missing or deleted ones are skipped.</summary>
    public void DeleteTriggers(IEnumerable<TriggerKey> keys, DateTimeOffset now) => Write(connection =>
    {
        foreach (var key in keys)
        {
            SoftDelete(connection, key, now);
        }
    });

    /// <summary>Records that the trigger started a run.</summary>
    public void MarkTriggered(TriggerKey key, DateTimeOffset at) => Write(connection =>
    {
        connection.Execute($"UPDATE triggers SET triggered_at = $at WHERE {TriggerKeyMatches}", [.. TriggerKeyParameters(key), ("$at", Timestamps.ToText(at))]);
    });

    private static TriggerRecord Upsert(SqliteConnection connection, TriggerRecord trigger, DateTimeOffset now)
    {
        var current = SelectTrigger(connection, trigger.Key);
        var stored = current is null
            ? trigger with { Revision = 1, DeployedAt = now, UpdatedAt = now, TriggeredAt = null, DeletedAt = null }
            : trigger with
            {
                Revision = current.Revision + 1,
                DeployedAt = current.DeployedAt,
                UpdatedAt = current.DeletedAt is not null || current.Active != trigger.Active ? now : current.UpdatedAt,
                TriggeredAt = current.TriggeredAt,
                DeletedAt = null,
            };
        connection.Execute(
            $"""
            INSERT OR REPLACE INTO triggers ({TriggerColumns})
            VALUES ($org, $project, $domain, $taskName, $name, $revision, $taskVersion, $active, $automationType, $automationSpec, $spec, $description,
                $deployedAt, $updatedAt, $triggeredAt, $deletedAt)
            """,
            [.. TriggerKeyParameters(stored.Key), ("$revision", stored.Revision), ("$taskVersion", stored.TaskVersion), ("$active", stored.Active),
                ("$automationType", stored.AutomationType), ("$automationSpec", stored.AutomationSpec), ("$spec", stored.Spec),
                ("$description", stored.Description), ("$deployedAt", Timestamps.ToText(stored.DeployedAt)), ("$updatedAt", Timestamps.ToText(stored.UpdatedAt)),
                ("$triggeredAt", Timestamps.ToText(stored.TriggeredAt)), ("$deletedAt", Timestamps.ToText(stored.DeletedAt))]);
        return stored;
    }

    private static void SoftDelete(SqliteConnection connection, TriggerKey key, DateTimeOffset now) =>
        connection.Execute(
            $"""
            UPDATE triggers SET deleted_at = $now, active = 0, updated_at = $now, latest_revision = latest_revision + 1
            WHERE {TriggerKeyMatches} AND deleted_at IS NULL
            """,
            [.. TriggerKeyParameters(key), ("$now", Timestamps.ToText(now))]);

    private static TriggerRecord? SelectTrigger(SqliteConnection connection, TriggerKey key) =>
        connection.QuerySingle(ReadTrigger, $"SELECT {TriggerColumns} FROM triggers WHERE {TriggerKeyMatches}", TriggerKeyParameters(key));

    private const string TriggerKeyMatches = "org = $org AND project = $project AND domain = $domain AND task_name = $taskName AND name = $name";

    private static (string, object?)[] TriggerKeyParameters(TriggerKey key) =>
        [("$org", key.Org), ("$project", key.Project), ("$domain", key.Domain), ("$taskName", key.TaskName), ("$name", key.Name)];

    private static TriggerRecord ReadTrigger(SqliteDataReader row) => new(
        new TriggerKey(row.Text("org"), row.Text("project"), row.Text("domain"), row.Text("task_name"), row.Text("name")),
        row.Long("latest_revision"),
        row.Text("task_version"),
        row.Flag("active"),
        row.Int("automation_type"),
        row.Blob("automation_spec"),
        row.Blob("spec"),
        row.Text("description"),
        row.Time("deployed_at"),
        row.Time("updated_at"),
        row.NullableTime("triggered_at"),
        row.NullableTime("deleted_at"));
}
