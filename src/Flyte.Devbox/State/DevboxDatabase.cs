using Microsoft.Data.Sqlite;

namespace Flyte.Devbox.State;

/// <summary>
/// The devbox's state in one SQLite file: tasks, runs, actions (with their change events and attempts) and the output
/// cache. Every change is committed before the call returns, so a restarted devbox finds everything it had.
/// </summary>
/// <remarks>
/// Safe for concurrent use from any number of threads. Each operation takes a connection from the pool. WAL lets
/// readers run while a write is in progress; writers take turns on a lock, because SQLite allows one writer at a time
/// and waiting on a lock is cheaper and fairer than SQLite's busy retry. The busy timeout still covers another
/// process holding the file (a sqlite3 shell, say).
/// </remarks>
public sealed partial class DevboxDatabase : IDisposable
{
    private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    private readonly string _connectionString;
    private readonly Lock _writeLock = new();
    private bool _disposed;

    private DevboxDatabase(string filePath, string connectionString)
    {
        FilePath = filePath;
        _connectionString = connectionString;
    }

    /// <summary>The database file's full path.</summary>
    public string FilePath { get; }

    /// <summary>Opens the database at <paramref name="path"/>, creating the file and its folders if missing, and migrates it to the latest schema.</summary>
    /// <exception cref="UnsupportedSchemaVersionException">A newer devbox has migrated the database beyond what this one knows.</exception>
    public static DevboxDatabase Open(string path) => Open(path, Migrations.All);

    /// <summary>Opens with a given list of migrations; tests use it to play an older or a newer devbox.</summary>
    internal static DevboxDatabase Open(string path, IReadOnlyList<Migration> migrations)
    {
        string fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        string connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        }.ToString();
        var database = new DevboxDatabase(fullPath, connectionString);
        try
        {
            using var connection = database.OpenConnection();
            // WAL is a property of the file: set once, it stays for every later connection.
            string? journalMode = connection.Scalar("PRAGMA journal_mode = WAL") as string;
            if (!string.Equals(journalMode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"The devbox database {fullPath} cannot use WAL journaling (SQLite answered '{journalMode}').");
            }
            SchemaMigrator.Apply(connection, migrations, fullPath);
            return database;
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    /// <summary>The schema version the database is at: the newest migration applied.</summary>
    public int GetSchemaVersion() => Read(SchemaMigrator.CurrentVersion);

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        // Closes the pooled connections, which checkpoints the WAL and releases the file.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private SqliteConnection OpenConnection()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // Pooled connections keep these, but a connection cannot tell whether it is new, so set them every time.
        // synchronous = FULL: a committed change survives even a power cut, not only a crash of the devbox.
        connection.Execute($"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}; PRAGMA synchronous = FULL;");
        return connection;
    }

    /// <summary>Runs a read on its own connection; WAL gives it a consistent snapshot per statement without blocking writers.</summary>
    private T Read<T>(Func<SqliteConnection, T> read)
    {
        using var connection = OpenConnection();
        return read(connection);
    }

    /// <summary>
    /// Runs <paramref name="write"/> in one transaction, committed if it returns and rolled back if it throws. Writers
    /// take turns, so a check followed by a write inside <paramref name="write"/> cannot race with another writer.
    /// </summary>
    private T Write<T>(Func<SqliteConnection, T> write)
    {
        lock (_writeLock)
        {
            using var connection = OpenConnection();
            // Microsoft.Data.Sqlite begins with BEGIN IMMEDIATE: the write lock is taken up front, never upgraded mid-way.
            using var transaction = connection.BeginTransaction();
            T result = write(connection);
            transaction.Commit();
            return result;
        }
    }

    private void Write(Action<SqliteConnection> write) => Write(connection =>
    {
        write(connection);
        return true;
    });
}
