namespace Flyte.Devbox.State;

/// <summary>Identifies an action: its name is unique within its run.</summary>
public sealed record ActionKey(RunKey Run, string Name);
