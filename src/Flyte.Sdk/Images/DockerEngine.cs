namespace Flyte.Images;

/// <summary>Where a Docker engine's API is, as the docker CLI finds it.</summary>
internal static class DockerEngine
{
    /// <summary><c>$DOCKER_HOST</c> when set, else the local socket.</summary>
    public static Uri DefaultAddress() =>
        new(Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host ? host : "unix:///var/run/docker.sock");
}
