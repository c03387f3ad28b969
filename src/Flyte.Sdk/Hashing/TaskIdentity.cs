using Flyteidl2.Core;

namespace Flyte.Hashing;

/// <summary>
/// flyte-sdk's <c>generate_task_identity_hash</c>: what a task is apart from where it runs (name, interface, code
/// version; not image, bundle or resources), so child action names survive code-bundle changes.
/// </summary>
public static class TaskIdentity
{
    public static string Compute(TaskTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        // Python reads an unset interface as an empty message and hashes its (empty) bytes, so no interface is not "".
        var interfaceHash = InterfaceHash.Compute(template.Interface ?? new TypedInterface());
        var version = template.Metadata?.DiscoveryVersion ?? "";
        return FlyteHash.Of($"{template.Id?.Name ?? ""}-{interfaceHash}-{version}");
    }
}
