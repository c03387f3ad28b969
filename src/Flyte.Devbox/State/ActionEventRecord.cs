namespace Flyte.Devbox.State;

/// <summary>One stored change of an action: every insert and every update appends one.</summary>
/// <param name="Attempts">The action's count of started attempts when the change was stored.</param>
/// <param name="At">When the change was stored.</param>
/// <param name="Revision">The change's global sequence number; the action's revision after this change.</param>
public sealed record ActionEventRecord(ActionKey Action, int Attempts, int Phase, DateTimeOffset At, long Revision);
