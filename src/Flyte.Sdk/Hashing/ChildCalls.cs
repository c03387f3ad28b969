using Flyte.Tasks;
using Flyteidl2.Core;

namespace Flyte.Hashing;

/// <summary>
/// Names the actions one parent action creates, the same way wherever the parent runs (the local engine, a0's
/// controller): deterministic, so a retried parent finds the children it already ran. One instance per parent attempt.
/// </summary>
internal sealed class ChildCalls(string parentActionName)
{
    private readonly CallSequencer _sequencer = new();

    public string ParentActionName { get; } = parentActionName;

    /// <summary>The next call of <paramref name="task"/> with <paramref name="inputs"/>: its action name and inputs hash.</summary>
    /// <param name="group">The group the call is made in (<see cref="FlyteGroup"/>); null for none. Calls in different
    /// groups are counted apart, and the group is part of the name, as in flyte-sdk.</param>
    public ChildCall Next(TaskDefinition task, LiteralMap inputs, string? group = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(inputs);
        return Named(task.Identity, InputsHashOf(task, inputs), group);
    }

    /// <summary>
    /// The next call of the trace <paramref name="trace"/>: named as a task call is, with the trace's identity
    /// (<c>name-codeVersion</c>) for the task's and every input hashed (flyte-sdk's <c>get_action_outputs</c>).
    /// </summary>
    public ChildCall NextTrace(TraceDefinition trace, LiteralMap inputs, string? group = null)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(inputs);
        return Named(trace.Identity, InputsHash.ComputeFiltered(inputs, []), group);
    }

    /// <summary>
    /// The next call of a deployed task (a [RemoteTask]), named from its fetched template as flyte-sdk's
    /// <c>_submit_task_ref</c> does: the template's identity and the inputs hash without its cache-ignored inputs.
    /// </summary>
    public ChildCall NextDeployed(TaskTemplate template, LiteralMap inputs, string? group = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(inputs);
        var inputsHash = InputsHash.ComputeFiltered(inputs.Literals.Select(kv => (kv.Key, kv.Value)), template.Metadata?.CacheIgnoreInputVars ?? []);
        return Named(TaskIdentity.Compute(template), inputsHash, group);
    }

    /// <summary>The next call with this identity, inputs hash and group: counted, then named (flyte-sdk's
    /// <c>ActionID.new_sub_action_from</c>).</summary>
    private ChildCall Named(string identity, string inputsHash, string? group)
    {
        int sequence = _sequencer.Next(CallSequencer.CallKey(identity, inputsHash, group));
        return new ChildCall(ChildActionName.Compute(ParentActionName, inputsHash, identity, sequence, group), inputsHash, string.IsNullOrEmpty(group) ? null : group);
    }

    /// <summary>The inputs hash without the task's cache-ignored inputs: what both child names and cache keys use.</summary>
    public static string InputsHashOf(TaskDefinition task, LiteralMap inputs) =>
        InputsHash.ComputeFiltered(inputs, task.Policy.CacheIgnoredInputs);

    /// <summary>The cache key of a call, or null when the task does not cache.</summary>
    public static string? CacheKeyOf(TaskDefinition task, string inputsHash) =>
        task.Policy.Cache ? CacheKey.Compute(task.Name, inputsHash, task.InterfaceHash, task.Policy.CacheVersion) : null;

    /// <summary>The cache key of a call of a deployed task, from its own template; null when it does not cache.</summary>
    public static string? CacheKeyOf(TaskTemplate template, string inputsHash) =>
        template.Metadata is { Discoverable: true } metadata
            ? CacheKey.Compute(template.Id?.Name ?? "", inputsHash, InterfaceHash.Compute(template.Interface ?? new TypedInterface()), metadata.DiscoveryVersion)
            : null;
}

/// <param name="ActionName">The child action's deterministic name.</param>
/// <param name="InputsHash">Its inputs hash, filtered of cache-ignored inputs.</param>
/// <param name="Group">The group it was made in; null for none.</param>
internal sealed record ChildCall(string ActionName, string InputsHash, string? Group = null);
