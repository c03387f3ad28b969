namespace Flyte.Devbox.State;

/// <summary>Identifies one deployed version of a task.</summary>
public sealed record TaskKey(string Org, string Project, string Domain, string Name, string Version);
