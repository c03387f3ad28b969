using Flyte.Generation;
using Flyte.Tasks;

namespace Flyte.Images;

/// <summary>
/// Which image each task runs in once deployed. A control plane substitutes no <c>{{.image}}</c> in a task spec (only
/// the data and run placeholders), so a deploy names a real image for every task: the task's own, else its
/// environment's (the generator has already put the task's over the environment's in <see cref="TaskDeclaration.Image"/>),
/// else the image pushed for the build, else the configured default, else the SDK's base image for its .NET version.
/// </summary>
internal static class TaskImages
{
    /// <summary>The base image for the .NET version the SDK targets: what tasks run in when nothing names an image.</summary>
    public static string SdkDefault { get; } = Image.ForDotnet(SdkInfo.DotnetVersion).BaseImage;

    /// <summary>The image of the tasks that name none: <paramref name="pushed"/>, else <paramref name="configuredDefault"/>, else <see cref="SdkDefault"/>.</summary>
    public static string Fallback(PushedImage? pushed, string? configuredDefault) =>
        pushed?.Reference ?? (string.IsNullOrWhiteSpace(configuredDefault) ? SdkDefault : configuredDefault.Trim());

    /// <summary>The image <paramref name="task"/> runs in: its own or its environment's, else <paramref name="fallback"/>.</summary>
    public static string For(TaskDeclaration task, string fallback) => task.Image ?? fallback;

    /// <summary>
    /// Environment name → image, for <c>a0 --image-cache</c>: a parent's controller builds each child's spec in the pod,
    /// after the deploy, and looks the child's environment up here for the image of a child that names none. An
    /// environment whose tasks all name one image maps to it; any other to <paramref name="fallback"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ByEnvironment(IEnumerable<TaskDefinition> tasks, string fallback)
    {
        var images = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in tasks.GroupBy(t => t.Declaration.EnvironmentName, StringComparer.Ordinal))
        {
            var named = group.Select(t => t.Declaration.Image).Distinct(StringComparer.Ordinal).ToList();
            images[group.Key] = named is [{ } only] ? only : fallback;
        }
        return images;
    }
}
