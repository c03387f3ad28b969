namespace Flyte.Devbox.State;

/// <summary>One numbered step of the schema: applied once, in its own transaction, and recorded in schema_migrations.</summary>
internal sealed record Migration(int Version, string Description, string Sql);
