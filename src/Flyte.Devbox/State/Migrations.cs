namespace Flyte.Devbox.State;

/// <summary>
/// Every schema migration the devbox knows, in order. To change the schema, append a new migration with the next
/// version; never edit one that has shipped, since existing databases have applied it already.
/// </summary>
internal static class Migrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        Migration001CreateTables.Migration,
        Migration002CreateSecrets.Migration,
        Migration003AddActionKind.Migration,
        Migration004CreateTriggers.Migration,
    ];
}
