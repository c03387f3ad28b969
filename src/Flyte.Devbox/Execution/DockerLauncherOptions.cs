using Flyte.Images;

namespace Flyte.Devbox.Execution;

/// <summary>Where the Docker launcher finds its engine and what it runs when a task names no image.</summary>
public sealed record DockerLauncherOptions
{
    /// <summary>The engine's API: <c>$DOCKER_HOST</c> when set, else the local socket.</summary>
    public Uri Engine { get; init; } = DockerEngine.DefaultAddress();

    /// <summary>The image for tasks that name none: the base image, with the .NET runtime and a0 (their code comes in the bundle).</summary>
    public required string DefaultImage { get; init; }

    /// <summary>Host folders mounted at the same path in every container: the devbox's folder store, so that its file URIs resolve.</summary>
    public IReadOnlyList<string> SharedDirectories { get; init; } = [];
}
