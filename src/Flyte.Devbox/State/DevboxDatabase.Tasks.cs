using Microsoft.Data.Sqlite;

namespace Flyte.Devbox.State;

// Deployed task versions: immutable once stored.
public sealed partial class DevboxDatabase
{
    private const string TaskColumns = "org, project, domain, name, version, spec, spec_sha256, created_at";

    /// <summary>Stores a task version unless that version exists; a stored version is never overwritten.</summary>
    /// <exception cref="ArgumentException"><see cref="TaskRecord.SpecSha256"/> is not the SHA-256 of the spec.</exception>
    public DeployOutcome DeployTask(TaskRecord task)
    {
        string sha256 = TaskRecord.Sha256Hex(task.Spec);
        if (!string.Equals(task.SpecSha256, sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"SpecSha256 {task.SpecSha256} is not the SHA-256 of the spec ({sha256}).", nameof(task));
        }
        return Write(connection =>
        {
            var stored = connection.QuerySingle(ReadTask,
                $"SELECT {TaskColumns} FROM tasks WHERE {TaskKeyMatches}", TaskKeyParameters(task.Key));
            if (stored is not null)
            {
                return stored.Spec.AsSpan().SequenceEqual(task.Spec) ? DeployOutcome.Unchanged : DeployOutcome.Conflict;
            }
            connection.Execute(
                $"INSERT INTO tasks ({TaskColumns}) VALUES ($org, $project, $domain, $name, $version, $spec, $specSha256, $createdAt)",
                [.. TaskKeyParameters(task.Key), ("$spec", task.Spec), ("$specSha256", sha256), ("$createdAt", Timestamps.ToText(task.CreatedAt))]);
            return DeployOutcome.Created;
        });
    }

    public TaskRecord? GetTask(TaskKey key) => Read(connection =>
        connection.QuerySingle(ReadTask, $"SELECT {TaskColumns} FROM tasks WHERE {TaskKeyMatches}", TaskKeyParameters(key)));

    /// <summary>The latest version (by deploy time, then version) of each task in a project and domain, by name.</summary>
    public IReadOnlyList<TaskRecord> ListTasks(string org, string project, string domain) => Read(connection =>
        connection.Query(ReadTask,
            $"""
            SELECT {TaskColumns} FROM (
                SELECT *, ROW_NUMBER() OVER (PARTITION BY name ORDER BY created_at DESC, version DESC) AS recency
                FROM tasks
                WHERE org = $org AND project = $project AND domain = $domain)
            WHERE recency = 1
            ORDER BY name
            """,
            ("$org", org), ("$project", project), ("$domain", domain)));

    /// <summary>Every version of one task, newest first; the key's version is ignored.</summary>
    public IReadOnlyList<TaskRecord> ListVersions(TaskKey keyWithoutVersion) => Read(connection =>
        connection.Query(ReadTask,
            $"""
            SELECT {TaskColumns} FROM tasks
            WHERE org = $org AND project = $project AND domain = $domain AND name = $name
            ORDER BY created_at DESC, version DESC
            """,
            ("$org", keyWithoutVersion.Org), ("$project", keyWithoutVersion.Project), ("$domain", keyWithoutVersion.Domain),
            ("$name", keyWithoutVersion.Name)));

    private const string TaskKeyMatches = "org = $org AND project = $project AND domain = $domain AND name = $name AND version = $version";

    private static (string, object?)[] TaskKeyParameters(TaskKey key) =>
        [("$org", key.Org), ("$project", key.Project), ("$domain", key.Domain), ("$name", key.Name), ("$version", key.Version)];

    private static TaskRecord ReadTask(SqliteDataReader row) => new(
        new TaskKey(row.Text("org"), row.Text("project"), row.Text("domain"), row.Text("name"), row.Text("version")),
        row.Blob("spec"),
        row.Text("spec_sha256"),
        row.Time("created_at"));
}
