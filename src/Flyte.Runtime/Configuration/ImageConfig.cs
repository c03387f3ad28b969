namespace Flyte.Runtime.Configuration;

/// <summary>The <c>image</c> section: how task images are built and where they are pushed.</summary>
internal sealed record ImageConfig
{
    /// <summary>The image builder to use, e.g. <c>local</c> or <c>remote</c>; null for the default.</summary>
    public string? Builder { get; init; }

    /// <summary>The registry images are pushed to and pulled from, e.g. <c>ghcr.io/my-org</c>.</summary>
    public string? Registry { get; init; }

    /// <summary>
    /// The image of the tasks that name none when no image was pushed for the build being deployed; null for the SDK's
    /// base image for its .NET version.
    /// </summary>
    public string? Default { get; init; }
}
