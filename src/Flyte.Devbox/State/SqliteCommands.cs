using Microsoft.Data.Sqlite;

namespace Flyte.Devbox.State;

/// <summary>Parameterized commands in one line: <c>connection.Command("… WHERE name = $name", ("$name", name))</c>.</summary>
internal static class SqliteCommands
{
    /// <remarks>The command joins the connection's open transaction, if any. Null values are bound as SQL NULL.</remarks>
    public static SqliteCommand Command(this SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        return command;
    }

    public static int Execute(this SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    public static object? Scalar(this SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.Command(sql, parameters);
        object? value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    public static bool Exists(this SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters) =>
        connection.Scalar(sql, parameters) is not null;

    /// <summary>Every row the query returns, each turned into a record by <paramref name="read"/>.</summary>
    public static List<T> Query<T>(this SqliteConnection connection, Func<SqliteDataReader, T> read, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.Command(sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }
        return rows;
    }

    public static T? QuerySingle<T>(this SqliteConnection connection, Func<SqliteDataReader, T> read, string sql, params (string Name, object? Value)[] parameters)
        where T : class =>
        connection.Query(read, sql, parameters).SingleOrDefault();
}
