using Microsoft.Data.Sqlite;

namespace Flyte.Devbox.State;

// Secrets: values are stored sealed (encrypted) only; listing reads no values at all.
public sealed partial class DevboxDatabase
{
    private const string SecretColumns = "org, project, domain, name, sealed_value, is_binary, type, created_at";
    private const string SecretKeyMatches = "org = $org AND project = $project AND domain = $domain AND name = $name";

    /// <summary>Stores a new secret; false (and nothing changed) when one of that key exists.</summary>
    public bool CreateSecret(SecretRecord secret) => Write(connection =>
        connection.Execute(
            $"INSERT INTO secrets ({SecretColumns}) VALUES ($org, $project, $domain, $name, $sealedValue, $isBinary, $type, $createdAt) ON CONFLICT DO NOTHING",
            [.. SecretKeyParameters(secret.Key), ("$sealedValue", secret.SealedValue), ("$isBinary", secret.IsBinary ? 1 : 0),
                ("$type", secret.Type), ("$createdAt", Timestamps.ToText(secret.CreatedAt))]) == 1);

    /// <summary>Replaces an existing secret's value and type, keeping its creation time; false when there is none.</summary>
    public bool UpdateSecret(SecretKey key, byte[] sealedValue, bool isBinary, int type) => Write(connection =>
        connection.Execute(
            $"UPDATE secrets SET sealed_value = $sealedValue, is_binary = $isBinary, type = $type WHERE {SecretKeyMatches}",
            [.. SecretKeyParameters(key), ("$sealedValue", sealedValue), ("$isBinary", isBinary ? 1 : 0), ("$type", type)]) == 1);

    public SecretRecord? GetSecret(SecretKey key) => Read(connection =>
        connection.QuerySingle(ReadSecret, $"SELECT {SecretColumns} FROM secrets WHERE {SecretKeyMatches}", SecretKeyParameters(key)));

    /// <summary>False when there was no such secret.</summary>
    public bool DeleteSecret(SecretKey key) => Write(connection =>
        connection.Execute($"DELETE FROM secrets WHERE {SecretKeyMatches}", SecretKeyParameters(key)) == 1);

    /// <summary>The secrets of exactly one scope, by name, after <paramref name="afterName"/>; without their values.</summary>
    public IReadOnlyList<SecretRecord> ListSecrets(string org, string project, string domain, string afterName, int limit) => Read(connection =>
        connection.Query(row => ReadSecretMetadata(row),
            """
            SELECT org, project, domain, name, is_binary, type, created_at FROM secrets
            WHERE org = $org AND project = $project AND domain = $domain AND name > $after
            ORDER BY name LIMIT $limit
            """,
            ("$org", org), ("$project", project), ("$domain", domain), ("$after", afterName), ("$limit", limit)));

    private static (string, object?)[] SecretKeyParameters(SecretKey key) =>
        [("$org", key.Org), ("$project", key.Project), ("$domain", key.Domain), ("$name", key.Name)];

    private static SecretRecord ReadSecret(SqliteDataReader row) => ReadSecretMetadata(row) with { SealedValue = row.Blob("sealed_value") };

    private static SecretRecord ReadSecretMetadata(SqliteDataReader row) => new(
        new SecretKey(row.Text("org"), row.Text("project"), row.Text("domain"), row.Text("name")),
        [],
        row.Int("is_binary") == 1,
        row.Int("type"),
        row.Time("created_at"));
}
