namespace Flyte.Tests.Shared;

/// <summary>Which of the services the container tests run on answer right now.</summary>
internal sealed record ContainerServicesState(bool Engine, bool Registry, bool BaseImage)
{
    public bool Ready => Engine && Registry && BaseImage;

    /// <summary>What is missing, for a failure message: "the Docker engine, the base image …".</summary>
    public string Missing => string.Join(", ", new[]
    {
        Engine ? null : $"the Docker engine ({ContainerServices.DockerSocket})",
        Registry ? null : $"the registry on {ContainerServices.Registry}",
        BaseImage ? null : $"the base image {ContainerServices.BaseImage}",
    }.OfType<string>());
}
