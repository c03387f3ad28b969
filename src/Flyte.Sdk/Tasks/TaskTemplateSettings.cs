namespace Flyte.Tasks;

/// <summary>What a task template needs from outside the source code: where and which version it is deployed as.</summary>
internal sealed record TaskTemplateSettings
{
    public string Project { get; init; } = "";
    public string Domain { get; init; } = "";
    public string Org { get; init; } = "";

    /// <summary>The task version; by default the code bundle's content hash.</summary>
    public string Version { get; init; } = "{{.version}}";

    /// <summary>The image used when neither the task nor its environment names one.</summary>
    public string DefaultImage { get; init; } = "{{.image}}";

    /// <summary>Resolves an image name declared in code (a registry-less name, say) to what the cluster pulls.</summary>
    public Func<string, string>? ResolveImage { get; init; }

    /// <summary>The code bundle URI passed to <c>a0 --tgz</c>; null when the code is baked into the image.</summary>
    public string? CodeBundleUri { get; init; }

    /// <summary>base64(gzip(JSON)) of environment name → image, passed to <c>a0 --image-cache</c>; null for none.</summary>
    public string? ImageCache { get; init; }

    /// <summary>Version of the SDK written into <c>TaskMetadata.runtime</c>.</summary>
    public string SdkVersion { get; init; } = SdkInfo.Version;
}
