namespace Flyte.Images;

/// <summary>What a push came to: the image deploys are to use, and whether anything was built for it.</summary>
/// <param name="Image">The image as pushed (a remote builder names it), or the reference the registry had already.</param>
/// <param name="Built">False when the registry had the content tag already and nothing was built or pushed.</param>
public sealed record PushOutcome(string Image, bool Built);

/// <summary>
/// The content tag decides whether anything is built, whichever the builder: a registry that has the reference (its tag
/// derived from everything that goes into the image, <see cref="ImageTag"/>) has the image.
/// </summary>
public static class ContentTaggedPush
{
    public static Task<PushOutcome> RunAsync(RegistryClient registry, IImageBuilder builder, ImageBuildRequest request, IProgress<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return RunAsync(registry, () => builder, request, log, cancellationToken);
    }

    /// <param name="createBuilder">Called only when there is something to build (a remote builder then connects).</param>
    /// <param name="onBuild">Called with the builder once the registry is known not to have the image, before the build starts.</param>
    public static async Task<PushOutcome> RunAsync(RegistryClient registry, Func<IImageBuilder> createBuilder, ImageBuildRequest request, IProgress<string> log,
        CancellationToken cancellationToken, Action<IImageBuilder>? onBuild = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(createBuilder);
        ArgumentNullException.ThrowIfNull(request);
        if (await registry.ExistsAsync(request.Reference, cancellationToken).ConfigureAwait(false))
        {
            return new PushOutcome(request.Reference, Built: false);
        }
        var builder = createBuilder();
        onBuild?.Invoke(builder);
        // The image as the builder pushed it: a remote builder's task names it, as flyte-sdk records it.
        return new PushOutcome(await builder.BuildAndPushAsync(request, log, cancellationToken).ConfigureAwait(false), Built: true);
    }
}
