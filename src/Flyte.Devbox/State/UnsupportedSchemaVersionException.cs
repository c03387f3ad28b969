namespace Flyte.Devbox.State;

/// <summary>The database was migrated by a newer devbox than this one; opening it could corrupt it.</summary>
public sealed class UnsupportedSchemaVersionException(string databasePath, int databaseVersion, int latestKnownVersion)
    : Exception($"The devbox database {databasePath} has schema version {databaseVersion}, but this devbox only knows versions up to " +
        $"{latestKnownVersion}: a newer devbox has used it. Run that newer devbox, or point this one at another data folder.")
{
    public string DatabasePath { get; } = databasePath;

    public int DatabaseVersion { get; } = databaseVersion;

    public int LatestKnownVersion { get; } = latestKnownVersion;
}
