using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Flyte.Devbox.State;

// Actions and their change events. Every insert and update takes the next revision from the global sequence and
// appends an event with it in the same transaction, so a watcher that remembers the last revision it saw can resume.
// Writers take turns (see Write), so revisions also become visible in increasing order: none appears later below
// one a reader has already seen.
public sealed partial class DevboxDatabase
{
    private const string ActionColumns =
        "org, project, domain, run_name, name, parent_name, task_name, task_version, spec, input_uri, run_output_base, " +
        "group_name, cache_key, phase, attempts, output_uri, error, cache_hit, abort_requested, created_at, started_at, ended_at, revision, kind, " +
        "trigger_name, trigger_task_name, trigger_revision, run_source";

    /// <summary>Stores a new action; false, with nothing written, if the run has an action of that name.</summary>
    /// <exception cref="KeyNotFoundException">The action's run does not exist.</exception>
    public bool TryInsertAction(ActionRecord action) => Write(connection =>
    {
        if (connection.Exists($"SELECT 1 FROM actions WHERE {ActionKeyMatches}", ActionKeyParameters(action.Key)))
        {
            return false;
        }
        if (!connection.Exists($"SELECT 1 FROM runs WHERE {RunKeyMatches}", RunKeyParameters(action.Key.Run)))
        {
            throw new KeyNotFoundException($"Run {action.Key.Run.Name} does not exist in {action.Key.Run.Project}/{action.Key.Run.Domain}.");
        }
        InsertActionRow(connection, action);
        return true;
    });

    public ActionRecord? GetAction(ActionKey key) => Read(connection => SelectAction(connection, key));

    /// <summary>Every action of a run, in creation order.</summary>
    public IReadOnlyList<ActionRecord> ListActions(RunKey run) => Read(connection =>
        connection.Query(ReadAction,
            $"SELECT {ActionColumns} FROM actions WHERE {ActionRunMatches} ORDER BY created_at, rowid",
            ActionRunParameters(run)));

    /// <summary>The actions <paramref name="parentName"/> enqueued, in creation order.</summary>
    public IReadOnlyList<ActionRecord> ListChildren(RunKey run, string parentName) => Read(connection =>
        connection.Query(ReadAction,
            $"SELECT {ActionColumns} FROM actions WHERE {ActionRunMatches} AND parent_name = $parentName ORDER BY created_at, rowid",
            [.. ActionRunParameters(run), ("$parentName", parentName)]));

    /// <summary>The actions of a run changed after <paramref name="afterRevision"/>, in the order of their latest change.</summary>
    public IReadOnlyList<ActionRecord> ListActionsChangedAfter(RunKey run, long afterRevision) => Read(connection =>
        connection.Query(ReadAction,
            $"SELECT {ActionColumns} FROM actions WHERE {ActionRunMatches} AND revision > $afterRevision ORDER BY revision",
            [.. ActionRunParameters(run), ("$afterRevision", afterRevision)]));

    /// <summary>Actions of every run that are in one of <paramref name="phases"/> (ActionPhase numbers), oldest first.</summary>
    public IReadOnlyList<ActionRecord> ListActionsInPhases(params int[] phases)
    {
        if (phases.Length == 0)
        {
            return [];
        }
        var parameters = phases.Select((phase, i) => ("$phase" + i.ToString(CultureInfo.InvariantCulture), (object?)phase)).ToArray();
        string phaseList = string.Join(", ", parameters.Select(p => p.Item1));
        return Read(connection =>
            connection.Query(ReadAction,
                $"SELECT {ActionColumns} FROM actions WHERE phase IN ({phaseList}) ORDER BY created_at, rowid",
                parameters));
    }

    /// <summary>
    /// Writes the action's mutable fields (phase, attempts, output URI, error, cache hit, abort flag, start and end
    /// times), gives it the next revision and appends an event, all in one transaction.
    /// </summary>
    /// <returns>The action as stored, with its new revision.</returns>
    /// <exception cref="KeyNotFoundException">The action does not exist.</exception>
    public ActionRecord UpdateAction(ActionRecord action) => Write(connection =>
    {
        long revision = NextRevision(connection);
        int changed = connection.Execute(
            $"""
            UPDATE actions SET
                phase = $phase, attempts = $attempts, output_uri = $outputUri, error = $error, cache_hit = $cacheHit,
                abort_requested = $abortRequested, started_at = $startedAt, ended_at = $endedAt, revision = $revision
            WHERE {ActionKeyMatches}
            """,
            [.. ActionKeyParameters(action.Key), .. MutableActionParameters(action), ("$revision", revision)]);
        if (changed == 0)
        {
            throw new KeyNotFoundException($"Action {action.Key.Name} does not exist in run {action.Key.Run.Name}.");
        }
        AppendEvent(connection, action, revision);
        return SelectAction(connection, action.Key)!;
    });

    /// <summary>Every change of an action, oldest first: its insert, then each update.</summary>
    public IReadOnlyList<ActionEventRecord> ListEvents(ActionKey key) => Read(connection =>
        connection.Query(
            row => new ActionEventRecord(key, row.Int("attempts"), row.Int("phase"), row.Time("at"), row.Long("revision")),
            $"""
            SELECT attempts, phase, at, revision FROM action_events
            WHERE org = $org AND project = $project AND domain = $domain AND run_name = $runName AND action_name = $name
            ORDER BY revision
            """,
            ActionKeyParameters(key)));

    /// <summary>Inserts an action row with the next revision and its first event. The caller checked that it is new.</summary>
    private static void InsertActionRow(SqliteConnection connection, ActionRecord action)
    {
        long revision = NextRevision(connection);
        connection.Execute(
            $"""
            INSERT INTO actions ({ActionColumns})
            VALUES ($org, $project, $domain, $runName, $name, $parentName, $taskName, $taskVersion, $spec, $inputUri, $runOutputBase,
                $group, $cacheKey, $phase, $attempts, $outputUri, $error, $cacheHit, $abortRequested, $createdAt, $startedAt, $endedAt, $revision, $kind,
                $triggerName, $triggerTaskName, $triggerRevision, $runSource)
            """,
            [.. ActionKeyParameters(action.Key), .. MutableActionParameters(action), .. FixedActionParameters(action), ("$revision", revision),
                ("$triggerName", action.Trigger?.Name), ("$triggerTaskName", action.Trigger?.TaskName), ("$triggerRevision", action.Trigger?.Revision),
                ("$runSource", action.Trigger?.Source ?? 0)]);
        AppendEvent(connection, action, revision);
    }

    /// <summary>
    /// Replaces a stored trace that FAILED with a new record of it, every column but the key, as one change (a new
    /// revision and event): a retried parent that re-ran a trace after a recoverable failure records it again.
    /// </summary>
    /// <returns>The trace as stored; null, with nothing written, when the stored action is not a FAILED trace (or is gone).</returns>
    public ActionRecord? ReplaceFailedTrace(ActionRecord trace) => Write(connection =>
    {
        if (trace.Kind != ActionKind.Trace)
        {
            throw new ArgumentException($"Action {trace.Key.Name} is not a trace; only a trace is replaced.", nameof(trace));
        }
        (string, object?)[] failedTrace = [.. ActionKeyParameters(trace.Key), ("$failed", (int)Flyteidl2.Common.ActionPhase.Failed)];
        if (!connection.Exists($"SELECT 1 FROM actions WHERE {ActionKeyMatches} AND kind = 'trace' AND phase = $failed", failedTrace))
        {
            return null;
        }
        long revision = NextRevision(connection);
        connection.Execute(
            $"""
            UPDATE actions SET
                parent_name = $parentName, task_name = $taskName, task_version = $taskVersion, spec = $spec, input_uri = $inputUri,
                run_output_base = $runOutputBase, group_name = $group, cache_key = $cacheKey, created_at = $createdAt, kind = $kind,
                phase = $phase, attempts = $attempts, output_uri = $outputUri, error = $error, cache_hit = $cacheHit,
                abort_requested = $abortRequested, started_at = $startedAt, ended_at = $endedAt, revision = $revision
            WHERE {ActionKeyMatches}
            """,
            [.. ActionKeyParameters(trace.Key), .. MutableActionParameters(trace), .. FixedActionParameters(trace), ("$revision", revision)]);
        AppendEvent(connection, trace, revision);
        return SelectAction(connection, trace.Key);
    });

    private static long NextRevision(SqliteConnection connection) =>
        (long)connection.Scalar("UPDATE revision_counter SET last_revision = last_revision + 1 WHERE id = 1 RETURNING last_revision")!;

    private static void AppendEvent(SqliteConnection connection, ActionRecord action, long revision) =>
        connection.Execute(
            """
            INSERT INTO action_events (revision, org, project, domain, run_name, action_name, attempts, phase, at)
            VALUES ($revision, $org, $project, $domain, $runName, $name, $attempts, $phase, $at)
            """,
            [.. ActionKeyParameters(action.Key), ("$revision", revision), ("$attempts", action.Attempts), ("$phase", action.Phase),
                ("$at", Timestamps.ToText(DateTimeOffset.UtcNow))]);

    private static ActionRecord? SelectAction(SqliteConnection connection, ActionKey key) =>
        connection.QuerySingle(ReadAction, $"SELECT {ActionColumns} FROM actions WHERE {ActionKeyMatches}", ActionKeyParameters(key));

    private const string ActionRunMatches = "org = $org AND project = $project AND domain = $domain AND run_name = $runName";

    private const string ActionKeyMatches = "org = $org AND project = $project AND domain = $domain AND run_name = $runName AND name = $name";

    private static (string, object?)[] ActionRunParameters(RunKey run) =>
        [("$org", run.Org), ("$project", run.Project), ("$domain", run.Domain), ("$runName", run.Name)];

    private static (string, object?)[] ActionKeyParameters(ActionKey key) => [.. ActionRunParameters(key.Run), ("$name", key.Name)];

    /// <summary>The columns fixed when an action is inserted (and rewritten only when a failed trace is replaced).</summary>
    private static (string, object?)[] FixedActionParameters(ActionRecord action) =>
    [
        ("$parentName", action.ParentName), ("$taskName", action.TaskName), ("$taskVersion", action.TaskVersion),
        ("$spec", action.Spec), ("$inputUri", action.InputUri), ("$runOutputBase", action.RunOutputBase),
        ("$group", action.Group), ("$cacheKey", action.CacheKey), ("$createdAt", Timestamps.ToText(action.CreatedAt)),
        ("$kind", KindText(action.Kind)),
    ];

    private static string KindText(ActionKind kind) => kind switch
    {
        ActionKind.Task => "task",
        ActionKind.Trace => "trace",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static ActionKind KindOf(string text) => text switch
    {
        "task" => ActionKind.Task,
        "trace" => ActionKind.Trace,
        _ => throw new InvalidDataException($"actions.kind holds '{text}', which this devbox does not know"),
    };

    private static (string, object?)[] MutableActionParameters(ActionRecord action) =>
    [
        ("$phase", action.Phase), ("$attempts", action.Attempts), ("$outputUri", action.OutputUri), ("$error", action.Error),
        ("$cacheHit", action.CacheHit), ("$abortRequested", action.AbortRequested),
        ("$startedAt", Timestamps.ToText(action.StartedAt)), ("$endedAt", Timestamps.ToText(action.EndedAt)),
    ];

    private static ActionRecord ReadAction(SqliteDataReader row) => new(
        new ActionKey(new RunKey(row.Text("org"), row.Text("project"), row.Text("domain"), row.Text("run_name")), row.Text("name")),
        row.NullableText("parent_name"),
        row.Text("task_name"),
        row.Text("task_version"),
        row.Blob("spec"),
        row.Text("input_uri"),
        row.Text("run_output_base"),
        row.NullableText("group_name"),
        row.NullableText("cache_key"),
        row.Int("phase"),
        row.Int("attempts"),
        row.NullableText("output_uri"),
        row.NullableBlob("error"),
        row.Flag("cache_hit"),
        row.Flag("abort_requested"),
        row.Time("created_at"),
        row.NullableTime("started_at"),
        row.NullableTime("ended_at"),
        row.Long("revision"),
        KindOf(row.Text("kind")),
        row.NullableText("trigger_name") is { } triggerName
            ? new RunTrigger(triggerName, row.Text("trigger_task_name"), row.Long("trigger_revision"), row.Int("run_source"))
            : null);
}
