namespace Flyte.Devbox.State;

/// <summary>Identifies a run: its name is unique within an org, project and domain.</summary>
public sealed record RunKey(string Org, string Project, string Domain, string Name);
