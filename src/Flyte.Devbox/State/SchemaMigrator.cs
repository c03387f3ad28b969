using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Flyte.Devbox.State;

/// <summary>Brings a database up to the latest known schema, recording each applied migration in schema_migrations.</summary>
internal static class SchemaMigrator
{
    /// <summary>Applies, in order, every migration newer than the database's version; each in its own transaction.</summary>
    /// <exception cref="UnsupportedSchemaVersionException">The database has a version newer than any migration known here.</exception>
    public static void Apply(SqliteConnection connection, IReadOnlyList<Migration> migrations, string databasePath)
    {
        CheckNumbering(migrations);
        connection.Execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
        int latestKnown = migrations.Count == 0 ? 0 : migrations[^1].Version;
        int current = CurrentVersion(connection);
        if (current > latestKnown)
        {
            throw new UnsupportedSchemaVersionException(databasePath, current, latestKnown);
        }
        foreach (var migration in migrations.Where(m => m.Version > current))
        {
            using var transaction = connection.BeginTransaction();
            // BEGIN IMMEDIATE holds the write lock, so another process opening the same file meanwhile waits, and
            // then finds the migration applied rather than applying it twice.
            if (CurrentVersion(connection) >= migration.Version)
            {
                continue;
            }
            connection.Execute(migration.Sql);
            connection.Execute("INSERT INTO schema_migrations (version, applied_at) VALUES ($version, $appliedAt)",
                ("$version", migration.Version), ("$appliedAt", Timestamps.ToText(DateTimeOffset.UtcNow)));
            transaction.Commit();
        }
    }

    public static int CurrentVersion(SqliteConnection connection) =>
        Convert.ToInt32(connection.Scalar("SELECT MAX(version) FROM schema_migrations") ?? 0L, CultureInfo.InvariantCulture);

    private static void CheckNumbering(IReadOnlyList<Migration> migrations)
    {
        for (int i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException(
                    $"Schema migrations must be numbered 1, 2, 3, … in order; found version {migrations[i].Version} at position {i + 1}.");
            }
        }
    }
}
