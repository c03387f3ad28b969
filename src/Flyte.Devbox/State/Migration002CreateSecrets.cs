namespace Flyte.Devbox.State;

/// <summary>Secrets (SecretService): one row per secret and scope, the value encrypted.</summary>
internal static class Migration002CreateSecrets
{
    public static Migration Migration { get; } = new(2, "create secrets", Sql);

    private const string Sql = """
        CREATE TABLE secrets (
            org TEXT NOT NULL,
            project TEXT NOT NULL,
            domain TEXT NOT NULL,
            name TEXT NOT NULL,
            sealed_value BLOB NOT NULL,
            is_binary INTEGER NOT NULL,
            type INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (org, project, domain, name)
        );
        """;
}
