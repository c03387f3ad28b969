using Microsoft.Data.Sqlite;

namespace Flyte.Devbox.State;

/// <summary>Typed reads of a row's columns by name, in the representations the schema stores.</summary>
internal static class SqliteColumns
{
    public static string Text(this SqliteDataReader row, string column) => row.GetString(row.GetOrdinal(column));

    public static string? NullableText(this SqliteDataReader row, string column) =>
        row.IsDBNull(row.GetOrdinal(column)) ? null : row.Text(column);

    public static int Int(this SqliteDataReader row, string column) => row.GetInt32(row.GetOrdinal(column));

    public static int? NullableInt(this SqliteDataReader row, string column) =>
        row.IsDBNull(row.GetOrdinal(column)) ? null : row.Int(column);

    public static long Long(this SqliteDataReader row, string column) => row.GetInt64(row.GetOrdinal(column));

    /// <summary>Flags are stored as 0 or 1.</summary>
    public static bool Flag(this SqliteDataReader row, string column) => row.GetInt64(row.GetOrdinal(column)) != 0;

    public static byte[] Blob(this SqliteDataReader row, string column) => row.GetFieldValue<byte[]>(row.GetOrdinal(column));

    public static byte[]? NullableBlob(this SqliteDataReader row, string column) =>
        row.IsDBNull(row.GetOrdinal(column)) ? null : row.Blob(column);

    public static DateTimeOffset Time(this SqliteDataReader row, string column) => Timestamps.FromText(row.Text(column));

    public static DateTimeOffset? NullableTime(this SqliteDataReader row, string column) =>
        row.NullableText(column) is { } text ? Timestamps.FromText(text) : null;
}
