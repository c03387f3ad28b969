using Flyteidl2.Core;

namespace Flyte.Hashing;

/// <summary>
/// flyte-sdk's <c>generate_task_identity_hash</c>: what a task is apart from where it runs (name, interface, code
/// version; not image, bundle or resources), so child action names survive code-bundle changes.
/// </summary>
internal static class TaskIdentity
{
    public static string Compute(TaskTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        // Python reads an unset interface as an empty message and hashes its (empty) bytes, so no interface is not "".
        var interfaceHash = InterfaceHash.Compute(template.Interface ?? new TypedInterface());
        return Compute(template.Id?.Name ?? "", interfaceHash, template.Metadata?.DiscoveryVersion ?? "");
    }

    /// <summary>The same hash from its parts, for callers that hold them without building a template.</summary>
    public static string Compute(string taskName, string interfaceHash, string discoveryVersion) =>
        FlyteHash.Of($"{taskName}-{interfaceHash}-{discoveryVersion}");
}
