namespace Flyte.Runtime.Configuration;

/// <summary>
/// The client configuration, as in flyte-sdk's <c>config.yaml</c>: where the control plane is (<c>admin</c>), where runs
/// and deployments go by default (<c>task</c>), how images are built (<c>image</c>) and, ours, how to reach S3
/// storage (<c>storage</c>). Load it with <see cref="FlyteConfigLoader"/>; write it with <see cref="FlyteConfigWriter"/>.
/// </summary>
internal sealed record FlyteConfig
{
    public AdminConfig Admin { get; init; } = new();

    public TaskConfig Task { get; init; } = new();

    public ImageConfig Image { get; init; } = new();

    public StorageConfig Storage { get; init; } = new();

    public DevboxConfig Devbox { get; init; } = new();
}
