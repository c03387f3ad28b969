namespace Flyte.Images;

/// <summary>Builds a task image and pushes it to its registry under the given reference.</summary>
public interface IImageBuilder
{
    /// <summary>Its name in messages and on the command line: "daemonless", "docker", "kubernetes".</summary>
    string Name { get; }

    /// <param name="request">The image, its code and the reference (registry/repository:tag) to push it as.</param>
    /// <param name="log">The build's output, line by line.</param>
    /// <returns>The image as pushed: the request's reference, or what a builder that pushes elsewhere names (the remote builder's task).</returns>
    Task<string> BuildAndPushAsync(ImageBuildRequest request, IProgress<string> log, CancellationToken cancellationToken);
}

/// <param name="Image">What goes into the image.</param>
/// <param name="Reference">Where it is pushed: <c>registry/repository:tag</c>.</param>
/// <param name="AppDirectory">The published code, copied to /app; null for an image without code.</param>
/// <param name="ProjectDirectory">What relative file sources of the image are relative to.</param>
/// <param name="ProjectPath">The .csproj the code was published from (the daemonless builder publishes it again as a container).</param>
public sealed record ImageBuildRequest(Image Image, string Reference, string? AppDirectory, string ProjectDirectory, string? ProjectPath = null);
