using Flyte.Generation;

namespace Flyte.Tasks;

/// <summary>
/// The arguments of a task container: <c>a0</c> and the options flyte-sdk's entrypoint takes, in
/// flyte-sdk's order, with the placeholders the Flyte executor substitutes (docs/protocol.md, Arguments).
/// </summary>
internal static class ContainerArguments
{
    /// <summary>The resolver name that tells <c>a0</c> to find the task in a .NET assembly's dispatch table.</summary>
    public const string Resolver = "flyte-dotnet";

    public static IReadOnlyList<string> For(TaskDeclaration task, TaskTemplateSettings settings)
    {
        var args = new List<string>
        {
            "a0",
            "--inputs", "{{.input}}",
            "--outputs-path", "{{.outputPrefix}}",
            "--version", settings.Version,
            "--raw-data-path", "{{.rawOutputDataPrefix}}",
            "--checkpoint-path", "{{.checkpointOutputPrefix}}",
            "--prev-checkpoint", "{{.prevCheckpointPrefix}}",
            "--run-name", "{{.runName}}",
            "--name", "{{.actionName}}",
            "--run-start-time", "{{.runStartTime}}",
        };
        if (settings.ImageCache is { Length: > 0 } imageCache)
        {
            args.Add("--image-cache");
            args.Add(imageCache);
        }
        if (settings.CodeBundleUri is { Length: > 0 } bundle)
        {
            args.Add("--tgz");
            args.Add(bundle);
            args.Add("--dest");
            args.Add(".");
        }
        args.Add("--resolver");
        args.Add(Resolver);
        args.Add("assembly");
        args.Add(task.AssemblyName);
        args.Add("task");
        args.Add(task.Name);
        return args;
    }
}
