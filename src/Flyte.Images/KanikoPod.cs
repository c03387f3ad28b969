using System.Text;
using Flyte.Storage;
using k8s.Models;

namespace Flyte.Images;

/// <summary>
/// The pod that builds one image with Kaniko: it downloads the build context (a .tar.gz on S3 or GCS), builds its
/// Dockerfile and pushes the result. A pure function of the options, so that what goes to the cluster is tested without one.
/// </summary>
public static class KanikoPod
{
    public const string ContainerName = "kaniko";

    /// <summary>Where Kaniko reads registry credentials (its DOCKER_CONFIG).</summary>
    public const string DockerConfigDirectory = "/kaniko/.docker";

    /// <summary>The label holding the built image's tag, to find a build's pods.</summary>
    public const string TagLabel = "flyte.org/image-tag";

    public const string ImageAnnotation = "flyte.org/image";

    public const string ContextAnnotation = "flyte.org/image-context";

    private const string DockerConfigVolume = "docker-config";

    /// <param name="options">Namespace, service account, Kaniko image, secrets, cache, resources.</param>
    /// <param name="reference">The image to push: <c>registry/repository:tag</c>.</param>
    /// <param name="contextUri">The uploaded build context: <c>s3://…/x.tar.gz</c> or <c>gs://…/x.tar.gz</c>.</param>
    public static V1Pod Create(KubernetesImageBuilderOptions options, string reference, string contextUri)
    {
        int schemeEnd = contextUri.IndexOf("://", StringComparison.Ordinal);
        string scheme = schemeEnd > 0 ? contextUri[..schemeEnd].ToLowerInvariant() : "";
        if (scheme is not (ObjectStores.S3Scheme or ObjectStores.GcsScheme))
        {
            throw new ArgumentException($"Kaniko reads a build context from s3:// or gs://, not from {contextUri}", nameof(contextUri));
        }
        string tag = ImageReference.Split(reference).Tag;

        var args = new List<string>
        {
            $"--context={contextUri}",
            "--dockerfile=Dockerfile",
            $"--destination={reference}",
            // Kubernetes shows this file as the container's termination message: the pushed digest on success.
            "--digest-file=/dev/termination-log",
        };
        if (options.Cache)
        {
            args.Add("--cache=true");
        }
        args.AddRange(options.InsecureRegistries.Select(registry => $"--insecure-registry={registry}"));

        var container = new V1Container
        {
            Name = ContainerName,
            Image = options.KanikoImage,
            Args = args,
            Env = scheme == ObjectStores.S3Scheme ? S3Environment(options) : [],
            // Kaniko writes no message when it fails: the end of its log is the reason.
            TerminationMessagePolicy = "FallbackToLogsOnError",
            Resources = new V1ResourceRequirements
            {
                Requests = Quantities(options.ResourceRequests),
                Limits = Quantities(options.ResourceLimits),
            },
            VolumeMounts = [],
        };
        if (options.EnvironmentSecret is { Length: > 0 } environmentSecret)
        {
            container.EnvFrom = [new V1EnvFromSource { SecretRef = new V1SecretEnvSource { Name = environmentSecret } }];
        }

        var spec = new V1PodSpec
        {
            RestartPolicy = "Never",
            ServiceAccountName = options.ServiceAccount,
            // The cluster ends a build that outlives the timeout even when no client is left to delete its pod.
            ActiveDeadlineSeconds = (long)Math.Ceiling(options.Timeout.TotalSeconds),
            Containers = [container],
            Volumes = [],
        };
        if (options.DockerConfigSecret is { Length: > 0 } dockerConfigSecret)
        {
            spec.Volumes.Add(new V1Volume
            {
                Name = DockerConfigVolume,
                Secret = new V1SecretVolumeSource
                {
                    SecretName = dockerConfigSecret,
                    Items = [new V1KeyToPath { Key = ".dockerconfigjson", Path = "config.json" }],
                },
            });
            container.VolumeMounts.Add(new V1VolumeMount { Name = DockerConfigVolume, MountPath = DockerConfigDirectory, ReadOnlyProperty = true });
        }

        return new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta
            {
                GenerateName = $"flyte-image-{NamePart(tag)}-",
                NamespaceProperty = options.Namespace,
                Labels = new Dictionary<string, string>
                {
                    ["app.kubernetes.io/name"] = "flyte-image-build",
                    ["app.kubernetes.io/managed-by"] = "flyte",
                    [TagLabel] = LabelValue(tag),
                },
                Annotations = new Dictionary<string, string>
                {
                    [ImageAnnotation] = reference,
                    [ContextAnnotation] = contextUri,
                },
            },
            Spec = spec,
        };
    }

    /// <summary>What Kaniko's S3 client reads besides credentials: the region, and for S3 elsewhere than AWS its endpoint and address style.</summary>
    private static List<V1EnvVar> S3Environment(KubernetesImageBuilderOptions options)
    {
        string? endpoint = options.S3Endpoint ?? options.Storage?.Endpoint;
        var environment = new List<V1EnvVar>
        {
            new() { Name = "AWS_REGION", Value = options.S3Region ?? options.Storage?.Region ?? "us-east-1" },
        };
        if (!string.IsNullOrEmpty(endpoint))
        {
            bool pathStyle = options.S3ForcePathStyle ?? options.Storage?.ForcePathStyle ?? true;
            environment.Add(new V1EnvVar { Name = "S3_ENDPOINT", Value = endpoint });
            environment.Add(new V1EnvVar { Name = "S3_FORCE_PATH_STYLE", Value = pathStyle ? "true" : "false" });
        }
        return environment;
    }

    private static Dictionary<string, ResourceQuantity>? Quantities(IReadOnlyDictionary<string, string> values) =>
        values.Count == 0 ? null : values.ToDictionary(pair => pair.Key, pair => new ResourceQuantity(pair.Value));

    /// <summary>A tag as part of a pod name: lower-case letters, digits and dashes, at most 40 characters.</summary>
    private static string NamePart(string tag)
    {
        var name = new StringBuilder();
        foreach (char c in tag.ToLowerInvariant())
        {
            name.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }
        string part = name.ToString().Trim('-');
        part = part.Length > 40 ? part[..40].TrimEnd('-') : part;
        return part.Length > 0 ? part : "build";
    }

    /// <summary>A tag as a label value: at most 63 characters of letters, digits, '-', '_' and '.', starting and ending with a letter or digit.</summary>
    private static string LabelValue(string tag)
    {
        var value = new StringBuilder();
        foreach (char c in tag)
        {
            value.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-');
        }
        string text = value.ToString();
        text = text.Length > 63 ? text[..63] : text;
        return text.Trim('-', '_', '.');
    }
}
