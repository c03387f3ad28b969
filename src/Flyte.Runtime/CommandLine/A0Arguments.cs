namespace Flyte.Runtime.CommandLine;

/// <summary>
/// The command line of one <c>a0</c> run, after environment fallbacks. Optional values are null
/// when they were absent, empty, or an unsubstituted <c>{{…}}</c> template with nothing to fall back to.
/// </summary>
internal sealed record A0Arguments
{
    /// <summary><c>--inputs</c>: location of <c>inputs.pb</c>.</summary>
    public required string Inputs { get; init; }

    /// <summary><c>--outputs-path</c>: prefix under which <c>outputs.pb</c> or <c>error.pb</c> is written.</summary>
    public required string OutputsPath { get; init; }

    /// <summary>The task to run, from the resolver arguments (<c>--resolver flyte-dotnet task Quickstart.Square</c>).</summary>
    public required string TaskName { get; init; }

    /// <summary>The assembly holding the task (<c>assembly Quickstart</c> in the resolver arguments); null to search all.</summary>
    public string? AssemblyName { get; init; }

    /// <summary><c>--resolver</c>: always <see cref="A0ArgumentParser.DotnetResolver"/> once parsed.</summary>
    public required string Resolver { get; init; }

    /// <summary>Everything after the resolver name, as given.</summary>
    public required IReadOnlyList<string> ResolverArgs { get; init; }

    /// <summary><c>--version</c>: the code version (the code bundle's md5 for <c>--tgz</c> bundles).</summary>
    public string? Version { get; init; }

    /// <summary><c>--run-base-dir</c>, else <c>_U_RUN_BASE</c>.</summary>
    public string? RunBaseDir { get; init; }

    /// <summary><c>--raw-data-path</c>: where large offloaded values (files, folders) are written.</summary>
    public string? RawDataPath { get; init; }

    /// <summary><c>--checkpoint-path</c>.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary><c>--prev-checkpoint</c>: null on the first attempt.</summary>
    public string? PrevCheckpoint { get; init; }

    /// <summary><c>--name</c>, else <c>ACTION_NAME</c>.</summary>
    public string? ActionName { get; init; }

    /// <summary><c>--run-name</c>, else <c>RUN_NAME</c>.</summary>
    public string? RunName { get; init; }

    /// <summary>
    /// <c>--run-start-time</c>, in UTC. When null the runtime must use a constant (flyte-sdk uses the
    /// Unix epoch), never the clock: it feeds child action names, which must not change across retries.
    /// </summary>
    public DateTimeOffset? RunStartTime { get; init; }

    /// <summary><c>--project</c>, else <c>FLYTE_INTERNAL_EXECUTION_PROJECT</c>.</summary>
    public string? Project { get; init; }

    /// <summary><c>--domain</c>, else <c>FLYTE_INTERNAL_EXECUTION_DOMAIN</c>.</summary>
    public string? Domain { get; init; }

    /// <summary><c>--org</c>, else <c>_U_ORG_NAME</c>.</summary>
    public string? Org { get; init; }

    /// <summary><c>--image-cache</c>, decoded: environment name → image URI. Empty when absent.</summary>
    public IReadOnlyDictionary<string, string> ImageCache { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// <c>--image-cache</c> exactly as received, so child actions can be given the same lookup
    /// without re-encoding it (re-encoding would change the bytes, and with them the task spec).
    /// </summary>
    public string? ImageCacheTransport { get; init; }

    /// <summary><c>--tgz</c>: URI of the code bundle.</summary>
    public string? CodeBundle { get; init; }

    /// <summary><c>--dest</c>: where the code bundle is unpacked.</summary>
    public string? CodeBundleDestination { get; init; }

    /// <summary>
    /// <c>FLYTE_BUNDLE_CACHE</c>: a folder where unpacked code bundles are kept by MD5 across attempts (the devbox's); null
    /// in a pod, where every attempt unpacks its bundle.
    /// </summary>
    public string? BundleCache { get; init; }

    /// <summary>How to reach the control plane, from the environment.</summary>
    public required ControllerSettings Controller { get; init; }
}
