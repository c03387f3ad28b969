using System.Security.Cryptography;
using System.Text;
using Flyte.Generation;
using Flyte.Hashing;
using Flyteidl2.Core;
using Google.Protobuf.WellKnownTypes;

namespace Flyte.Tasks;

/// <summary>
/// Marks a task template as reusable in the wire form flyte-sdk's <c>add_reusable</c> writes
/// (src/flyte/_internal/runtime/reuse.py): type <c>actor</c>, and in <c>custom</c> the environment's name, a version
/// that tells its worker pools apart, and the pool's spec. Newer flyte-sdk also fills <c>TaskTemplate.reuse_policy</c>,
/// which the pinned schema does not have (docs/workers.md, The wire form).
/// </summary>
internal static class ActorTemplates
{
    public const string TaskType = "actor";

    /// <param name="codeBundleVersion">The code bundle's computed version (its MD5) when the task runs from one; null when
    /// the code is in the image.</param>
    public static void Apply(TaskTemplate template, string environmentName, ReusePolicy policy, string? codeBundleVersion)
    {
        if (template.Custom is not null)
        {
            // flyte-sdk refuses the same: a plugin's custom config leaves no room for the actor's.
            throw new InvalidOperationException($"{template.Id?.Name} already has a custom config; a reusable environment needs it for the actor spec");
        }
        template.Type = TaskType;
        template.Custom = new Struct
        {
            Fields =
            {
                ["name"] = Value.ForString(environmentName),
                ["version"] = Value.ForString(Version(template, environmentName, policy, codeBundleVersion)),
                ["type"] = Value.ForString(TaskType),
                ["spec"] = Value.ForStruct(new Struct
                {
                    Fields =
                    {
                        ["container_image"] = Value.ForString(template.Container?.Image ?? ""),
                        ["backlog_length"] = Value.ForNull(),
                        ["parallelism"] = Value.ForNumber(policy.Concurrency),
                        ["min_replica_count"] = Value.ForNumber(policy.MinReplicas),
                        ["replica_count"] = Value.ForNumber(policy.MaxReplicas),
                        // flyte-sdk writes null for a zero idle TTL (it tests the timedelta's truth); ours are at least 30 s.
                        ["ttl_seconds"] = policy.IdleTtl > TimeSpan.Zero ? Value.ForNumber(policy.IdleTtl.TotalSeconds) : Value.ForNull(),
                        ["scaledown_ttl_seconds"] = policy.ScaledownTtl > TimeSpan.Zero ? Value.ForNumber(policy.ScaledownTtl.TotalSeconds) : Value.ForNull(),
                    },
                }),
            },
        };
    }

    /// <summary>
    /// The first 15 hex digits of the SHA-256 of flyte-sdk's components string (<c>extract_unique_id_and_image</c>):
    /// environment name, the container without its args, replicas, TTLs, code bundle version, security context,
    /// interruptible and pod template name, each formatted as Python's f-strings print them.
    /// </summary>
    public static string Version(TaskTemplate template, string environmentName, ReusePolicy policy, string? codeBundleVersion) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Components(template, environmentName, policy, codeBundleVersion))))[..15].ToLowerInvariant();

    internal static string Components(TaskTemplate template, string environmentName, ReusePolicy policy, string? codeBundleVersion)
    {
        var components = new StringBuilder(environmentName).Append(':');
        if (template.Container is { } container)
        {
            var withoutArgs = container.Clone();
            withoutArgs.Args.Clear();
            components.Append(PythonFormat.Bytes(DeterministicBytes.Of(withoutArgs)));
        }
        // After ReusePolicy.__post_init__ replicas is always a (min, max) tuple.
        components.Append(':').Append(policy.MinReplicas).Append(':').Append(policy.MaxReplicas);
        if (policy.IdleTtl > TimeSpan.Zero)
        {
            components.Append(':').Append(PythonFormat.Float(policy.IdleTtl.TotalSeconds));
        }
        // get_scaledown_ttl() is a timedelta, printed as str(timedelta) ("0:00:30"), not as seconds.
        components.Append(':').Append(PythonFormat.Timedelta(policy.ScaledownTtl));
        if (codeBundleVersion is not null)
        {
            components.Append(':').Append(codeBundleVersion);
        }
        // In Python a message field is never None, so these three are always there: an unset security context prints
        // as b'', an unset interruptible as False, an unset pod template name as nothing.
        components.Append(':').Append(PythonFormat.Bytes(template.SecurityContext is { } security ? DeterministicBytes.Of(security) : []));
        components.Append(':').Append(PythonFormat.Bool(template.Metadata?.Interruptible ?? false));
        components.Append(':').Append(template.Metadata?.PodTemplateName ?? "");
        return components.ToString();
    }
}
