using System.ComponentModel;
using Flyteidl2.Core;

namespace Flyte.Generation;

/// <summary>One <see cref="TriggerAttribute"/> of a task, checked at compile time.</summary>
/// <remarks>For the code the Flyte source generator writes, not for direct use: it may change in any release.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record TriggerDeclaration
{
    /// <summary>The trigger's name, unique among the task's triggers.</summary>
    public required string Name { get; init; }

    /// <summary>The cron expression; null for a fixed rate.</summary>
    public string? Cron { get; init; }

    /// <summary>The time zone of <see cref="Cron"/>.</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>The fixed rate in minutes; 0 for a cron schedule.</summary>
    public int EveryMinutes { get; init; }

    /// <summary>The input that gets the scheduled time; null for none.</summary>
    public string? TimeInput { get; init; }

    /// <summary>The values the trigger gives the task's inputs, in the order written.</summary>
    public IReadOnlyList<KeyValuePair<string, Literal>> Inputs { get; init; } = [];

    /// <summary>Active once deployed.</summary>
    public bool Active { get; init; } = true;

    /// <summary>What the trigger is for.</summary>
    public string? Description { get; init; }
}
