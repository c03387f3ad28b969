namespace Flyte.Devbox.State;

/// <summary>
/// Actions get a kind, <c>task</c> or <c>trace</c> (<see cref="ActionKind"/>). Every action stored before is a task,
/// which the column's default says for the existing rows.
/// </summary>
internal static class Migration003AddActionKind
{
    public static Migration Migration { get; } = new(3, "add actions.kind (task or trace)", Sql);

    private const string Sql = """
        ALTER TABLE actions ADD COLUMN kind TEXT NOT NULL DEFAULT 'task' CHECK (kind IN ('task', 'trace'));
        """;
}
