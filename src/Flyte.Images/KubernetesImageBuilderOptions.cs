using Flyte.Storage;

namespace Flyte.Images;

/// <summary>Where and how <see cref="KubernetesImageBuilder"/> runs its Kaniko build pods.</summary>
public sealed record KubernetesImageBuilderOptions
{
    /// <summary>The last Kaniko release (v1.24.0, June 2025); its project is archived since, so it is pinned rather than "latest".</summary>
    public const string DefaultKanikoImage = "gcr.io/kaniko-project/executor:v1.24.0";

    /// <summary>
    /// Where build contexts are uploaded, as <c>s3://bucket/prefix</c> or <c>gs://bucket/prefix</c>: each build puts
    /// <c>&lt;prefix&gt;/&lt;tag&gt;-&lt;id&gt;.tar.gz</c> there, Kaniko downloads it, and it is deleted after the build.
    /// The pod must be able to read it (<see cref="ServiceAccount"/>'s cloud identity, or <see cref="EnvironmentSecret"/>).
    /// </summary>
    public required string ContextPrefix { get; init; }

    /// <summary>How this machine reaches the object store to upload contexts; null for the AWS environment variables and defaults.</summary>
    public S3StoreOptions? Storage { get; init; }

    /// <summary>The S3 endpoint as Kaniko in the cluster reaches it (S3_ENDPOINT); null for <see cref="Storage"/>'s endpoint, none for AWS itself.</summary>
    public string? S3Endpoint { get; init; }

    /// <summary>The S3 region Kaniko signs for (AWS_REGION); null for <see cref="Storage"/>'s region, else us-east-1.</summary>
    public string? S3Region { get; init; }

    /// <summary>Path-style S3 addresses (S3_FORCE_PATH_STYLE); null means "yes when an endpoint is set", as for uploads.</summary>
    public bool? S3ForcePathStyle { get; init; }

    /// <summary>The kubeconfig file; null for <c>$KUBECONFIG</c> or <c>~/.kube/config</c> (in a pod: the pod's own service account).</summary>
    public string? KubeconfigPath { get; init; }

    /// <summary>The kubeconfig context; null for its current one.</summary>
    public string? KubeContext { get; init; }

    public string Namespace { get; init; } = "default";

    /// <summary>The build pods' service account (its cloud identity can read the context and push); null for the namespace's default.</summary>
    public string? ServiceAccount { get; init; }

    public string KanikoImage { get; init; } = DefaultKanikoImage;

    /// <summary>
    /// A secret of type <c>kubernetes.io/dockerconfigjson</c> with the registry credentials, mounted as
    /// <c>/kaniko/.docker/config.json</c>; null when the registry needs none or the service account's identity suffices.
    /// </summary>
    public string? DockerConfigSecret { get; init; }

    /// <summary>A secret whose keys become the Kaniko container's environment (e.g. AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY); null for none.</summary>
    public string? EnvironmentSecret { get; init; }

    /// <summary>Kaniko's layer cache (<c>--cache=true</c>), kept in <c>&lt;repository&gt;/cache</c> of the destination's registry.</summary>
    public bool Cache { get; init; }

    /// <summary>Registries Kaniko reaches over plain HTTP (<c>--insecure-registry</c>), e.g. an in-cluster registry without TLS.</summary>
    public IReadOnlyList<string> InsecureRegistries { get; init; } = [];

    /// <summary>Resource requests of the build container, as Kubernetes quantities by resource name (cpu, memory, ephemeral-storage).</summary>
    public IReadOnlyDictionary<string, string> ResourceRequests { get; init; } = new Dictionary<string, string> { ["cpu"] = "1", ["memory"] = "2Gi" };

    /// <summary>Resource limits of the build container; Kaniko unpacks the base image in memory-backed layers, so memory is limited generously.</summary>
    public IReadOnlyDictionary<string, string> ResourceLimits { get; init; } = new Dictionary<string, string> { ["memory"] = "4Gi" };

    /// <summary>How long a build may take, from the pod's creation to its end; the pod is deleted when it is over.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>How often the pod's state is read while it runs.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);
}
