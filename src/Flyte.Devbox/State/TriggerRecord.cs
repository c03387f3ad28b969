namespace Flyte.Devbox.State;

/// <summary>Identifies a trigger: its task's name (any version) and its own name, in a project and domain.</summary>
public sealed record TriggerKey(string Org, string Project, string Domain, string TaskName, string Name);

/// <summary>A stored trigger (docs/triggers.md). Soft-deleted ones keep their row with <see cref="DeletedAt"/> set.</summary>
/// <param name="Revision">1 when first stored, one more on every deploy, activation, deactivation and delete.</param>
/// <param name="AutomationType">A TriggerAutomationSpecType number (TYPE_SCHEDULE 2).</param>
/// <param name="AutomationSpec">The serialized TriggerAutomationSpec.</param>
/// <param name="Spec">The serialized TriggerSpec: inputs and run_spec (active, task_version and description are columns).</param>
/// <param name="UpdatedAt">When it was stored first or last changed between active and inactive.</param>
/// <param name="TriggeredAt">When it last started a run.</param>
public sealed record TriggerRecord(
    TriggerKey Key,
    long Revision,
    string TaskVersion,
    bool Active,
    int AutomationType,
    byte[] AutomationSpec,
    byte[] Spec,
    string Description,
    DateTimeOffset DeployedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? TriggeredAt,
    DateTimeOffset? DeletedAt);

/// <summary>The trigger that started a run, stored on its root action.</summary>
/// <param name="Source">A RunSource number (RUN_SOURCE_SCHEDULE_TRIGGER 3).</param>
public sealed record RunTrigger(string Name, string TaskName, long Revision, int Source);
