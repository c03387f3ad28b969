using Microsoft.Data.Sqlite;

namespace Flyte.Devbox.State;

// Attempts of actions: one row per (action, attempt number), rewritten as the attempt progresses.
public sealed partial class DevboxDatabase
{
    /// <summary>Stores an attempt, replacing what was stored for the same action and attempt number.</summary>
    public void RecordAttempt(AttemptRecord attempt) => Write(connection =>
        connection.Execute(
            """
            INSERT INTO attempts (org, project, domain, run_name, action_name, attempt, phase, started_at, ended_at, exit_code, log_path, error)
            VALUES ($org, $project, $domain, $runName, $name, $attempt, $phase, $startedAt, $endedAt, $exitCode, $logPath, $error)
            ON CONFLICT (org, project, domain, run_name, action_name, attempt) DO UPDATE SET
                phase = excluded.phase, started_at = excluded.started_at, ended_at = excluded.ended_at,
                exit_code = excluded.exit_code, log_path = excluded.log_path, error = excluded.error
            """,
            [.. ActionKeyParameters(attempt.Action), ("$attempt", attempt.Attempt), ("$phase", attempt.Phase),
                ("$startedAt", Timestamps.ToText(attempt.StartedAt)), ("$endedAt", Timestamps.ToText(attempt.EndedAt)),
                ("$exitCode", attempt.ExitCode), ("$logPath", attempt.LogPath), ("$error", attempt.Error)]));

    /// <summary>The attempts of an action, by attempt number.</summary>
    public IReadOnlyList<AttemptRecord> ListAttempts(ActionKey key) => Read(connection =>
        connection.Query(
            row => ReadAttempt(key, row),
            $"""
            SELECT attempt, phase, started_at, ended_at, exit_code, log_path, error FROM attempts
            WHERE org = $org AND project = $project AND domain = $domain AND run_name = $runName AND action_name = $name
            ORDER BY attempt
            """,
            ActionKeyParameters(key)));

    private static AttemptRecord ReadAttempt(ActionKey key, SqliteDataReader row) => new(
        key,
        row.Int("attempt"),
        row.Int("phase"),
        row.Time("started_at"),
        row.NullableTime("ended_at"),
        row.NullableInt("exit_code"),
        row.Text("log_path"),
        row.NullableBlob("error"));
}
