using Microsoft.Data.Sqlite;

namespace Flyte.Devbox.State;

// Runs, each stored together with its root action.
public sealed partial class DevboxDatabase
{
    private const string RunColumns =
        "org, project, domain, name, created_at, root_task_name, phase, inputs_uri, run_base, ended_at, abort_requested, spec, run_start_time";

    /// <summary>Stores a new run and its root action in one transaction; false, with nothing written, if the run's name is taken.</summary>
    /// <exception cref="ArgumentException">The root action does not belong to the run.</exception>
    public bool TryCreateRun(RunRecord run, ActionRecord root)
    {
        if (root.Key.Run != run.Key)
        {
            throw new ArgumentException($"The root action {root.Key.Name} belongs to run {root.Key.Run.Name}, not to run {run.Key.Name}.", nameof(root));
        }
        return Write(connection =>
        {
            if (connection.Exists($"SELECT 1 FROM runs WHERE {RunKeyMatches}", RunKeyParameters(run.Key)))
            {
                return false;
            }
            connection.Execute(
                $"""
                INSERT INTO runs ({RunColumns})
                VALUES ($org, $project, $domain, $name, $createdAt, $rootTaskName, $phase, $inputsUri, $runBase, $endedAt, $abortRequested, $spec, $runStartTime)
                """,
                [.. RunKeyParameters(run.Key), .. MutableRunParameters(run), ("$createdAt", Timestamps.ToText(run.CreatedAt)),
                    ("$rootTaskName", run.RootTaskName), ("$inputsUri", run.InputsUri), ("$runBase", run.RunBase), ("$spec", run.Spec),
                    ("$runStartTime", Timestamps.ToText(run.StartTime))]);
            InsertActionRow(connection, root);
            return true;
        });
    }

    public RunRecord? GetRun(RunKey key) => Read(connection =>
        connection.QuerySingle(ReadRun, $"SELECT {RunColumns} FROM runs WHERE {RunKeyMatches}", RunKeyParameters(key)));

    /// <summary>A page of the runs of a project and domain, newest first.</summary>
    /// <param name="afterToken">
    /// Null for the first page; for the next, the name of the last run of the previous page (a run's creation time and
    /// name fix its place, so runs created meanwhile do not shift the pages).
    /// </param>
    /// <exception cref="ArgumentException"><paramref name="afterToken"/> names no run of the project and domain.</exception>
    public IReadOnlyList<RunRecord> ListRuns(string org, string project, string domain, int limit, string? afterToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        (string, object?)[] scope = [("$org", org), ("$project", project), ("$domain", domain), ("$limit", limit)];
        return Read(connection =>
        {
            if (afterToken is null)
            {
                return connection.Query(ReadRun,
                    $"""
                    SELECT {RunColumns} FROM runs
                    WHERE org = $org AND project = $project AND domain = $domain
                    ORDER BY created_at DESC, name DESC
                    LIMIT $limit
                    """,
                    scope);
            }
            if (!connection.Exists("SELECT 1 FROM runs WHERE org = $org AND project = $project AND domain = $domain AND name = $after",
                    [.. scope, ("$after", afterToken)]))
            {
                throw new ArgumentException($"The paging token '{afterToken}' names no run of {project}/{domain}.", nameof(afterToken));
            }
            return connection.Query(ReadRun,
                $"""
                SELECT {RunColumns} FROM runs
                WHERE org = $org AND project = $project AND domain = $domain
                  AND (created_at, name) < (
                      SELECT created_at, name FROM runs
                      WHERE org = $org AND project = $project AND domain = $domain AND name = $after)
                ORDER BY created_at DESC, name DESC
                LIMIT $limit
                """,
                [.. scope, ("$after", afterToken)]);
        });
    }

    /// <summary>Writes the run's mutable fields: phase, end time and the abort flag.</summary>
    /// <exception cref="KeyNotFoundException">The run does not exist.</exception>
    public void UpdateRun(RunRecord run) => Write(connection =>
    {
        int changed = connection.Execute(
            $"UPDATE runs SET phase = $phase, ended_at = $endedAt, abort_requested = $abortRequested WHERE {RunKeyMatches}",
            [.. RunKeyParameters(run.Key), .. MutableRunParameters(run)]);
        if (changed == 0)
        {
            throw new KeyNotFoundException($"Run {run.Key.Name} does not exist in {run.Key.Project}/{run.Key.Domain}.");
        }
    });

    private const string RunKeyMatches = "org = $org AND project = $project AND domain = $domain AND name = $name";

    private static (string, object?)[] RunKeyParameters(RunKey key) =>
        [("$org", key.Org), ("$project", key.Project), ("$domain", key.Domain), ("$name", key.Name)];

    private static (string, object?)[] MutableRunParameters(RunRecord run) =>
        [("$phase", run.Phase), ("$endedAt", Timestamps.ToText(run.EndedAt)), ("$abortRequested", run.AbortRequested)];

    private static RunRecord ReadRun(SqliteDataReader row) => new(
        new RunKey(row.Text("org"), row.Text("project"), row.Text("domain"), row.Text("name")),
        row.Time("created_at"),
        row.Text("root_task_name"),
        row.Int("phase"),
        row.Text("inputs_uri"),
        row.Text("run_base"),
        row.NullableTime("ended_at"),
        row.Flag("abort_requested"),
        row.NullableBlob("spec"),
        row.NullableTime("run_start_time"));
}
