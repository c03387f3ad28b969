using Flyte.Devbox.State;
using Microsoft.Data.Sqlite;

namespace Flyte.Devbox.Tests.State;

/// <summary>A real SQLite file in a fresh temporary folder, deleted with the folder when the test ends.</summary>
internal sealed class TemporaryDatabase : IDisposable
{
    private readonly string _folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "flyte-devbox-state-" + Guid.NewGuid().ToString("N"));
    private DevboxDatabase? _open;

    /// <summary>Inside a folder that does not exist yet, so opening also shows that folders are created.</summary>
    public string Path => System.IO.Path.Combine(_folder, "data", "state.db");

    /// <summary>The database, opened on first use.</summary>
    public DevboxDatabase Database => _open ??= DevboxDatabase.Open(Path);

    /// <summary>Closes the database and opens it again, as a restarted devbox would.</summary>
    public DevboxDatabase Reopen()
    {
        Close();
        return Database;
    }

    public void Close()
    {
        _open?.Dispose();
        _open = null;
    }

    /// <summary>Runs SQL on the file directly, on an unpooled connection that is closed afterwards.</summary>
    public object? RawScalar(string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        Close();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
