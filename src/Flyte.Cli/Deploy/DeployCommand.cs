using System.CommandLine;
using Flyte.Cli.Images;
using Flyte.Cli.Loading;
using Flyte.Cli.Remote;
using Flyte.Build;

namespace Flyte.Cli.Deploy;

/// <summary>
/// <c>flyte deploy [&lt;project | folder | assembly&gt;]</c>: builds the project, uploads its build output as a code bundle
/// and registers every task at the bundle's version. <c>flyte deploy --dry-run &lt;dir&gt;</c>: what a deploy of the
/// artifacts in a folder would register, changing nothing.
/// </summary>
internal sealed class DeployCommand
{
    private readonly ControlPlaneOptions _controlPlane = new();

    private readonly CliEnvironment _environment;

    public DeployCommand(CliEnvironment environment)
    {
        _environment = environment;
        Command = new Command("deploy", "Deploy a project's tasks to the control plane: build it, upload its code bundle, register every task. "
            + "With --dry-run, show what the artifacts 'flyte serialize' (or dotnet build) wrote would register.")
        {
            Target, DryRun, Image, Configuration, ArtifactsPath,
        };
        _controlPlane.AddTo(Command);
    }

    public Command Command { get; }

    public Argument<string?> Target { get; } = new("target")
    {
        Description = "A project file, a folder holding one project, or an assembly (.dll) whose folder is the code to ship; left out, the project in "
            + "the current folder. With --dry-run: the folder holding manifest.json and the task specs.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public Option<bool> DryRun { get; } = new("--dry-run") { Description = "Print what would be registered from serialized artifacts; change nothing." };

    public Option<string?> Image { get; } = new("--image")
    {
        Description = "The image of tasks that name none, when no image was pushed for the build (overrides image.default in config.yaml); "
            + "by default Flyte's .NET base image for the SDK's .NET version.",
    };

    public Option<string?> Configuration { get; } = new("--configuration", "-c")
    {
        Description = "The build configuration to deploy when the target is a project. Left out: the project's default (Debug), or Release when "
            + "'dotnet publish -p:FlytePushImage=true' pushed an image for the Release build and none for the default.",
    };

    public Option<string?> ArtifactsPath { get; } = new("--artifacts-path") { Description = TaskTarget.ArtifactsPathDescription, HelpName = "dir" };

    public Task<int> InvokeAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken)
    {
        string target = parse.GetValue(Target) ?? ".";
        return parse.GetValue(DryRun)
            ? System.Threading.Tasks.Task.FromResult(PrintDryRun(_environment.FullPath(target), target, console))
            : RemoteFailures.AsUsageErrorsAsync(
                () => DeployAsync(target, parse.GetValue(ArtifactsPath), parse.GetValue(Configuration), _controlPlane.Read(parse), parse.GetValue(Image), console, cancellationToken), cancellationToken);
    }

    private async Task<int> DeployAsync(string target, string? artifactsPath, string? requestedConfiguration, ControlPlaneSettings settings, string? image, CliConsole console, CancellationToken cancellationToken)
    {
        if (image is not null && string.IsNullOrWhiteSpace(image))
        {
            throw new UsageException("--image is empty: give an image reference such as ghcr.io/my-org/tasks:1, or leave the option out");
        }
        var options = ControlPlane.Resolve(settings, _environment);
        if (image is not null)
        {
            options = options with { DefaultImage = image.Trim() };
        }
        if (requestedConfiguration is not null && string.IsNullOrWhiteSpace(requestedConfiguration))
        {
            throw new UsageException("--configuration is empty: give Debug, Release or another configuration of the project, or leave the option out");
        }
        string? configuration = null;
        if (TaskTarget.ProjectOrNull(target, _environment) is { } project)
        {
            (configuration, string? explanation) = await DeployConfiguration.ChooseAsync(project, requestedConfiguration, artifactsPath, _environment, cancellationToken).ConfigureAwait(false);
            if (explanation is not null)
            {
                await console.Out.WriteLineAsync(explanation).ConfigureAwait(false);
            }
        }
        else if (requestedConfiguration is not null)
        {
            throw new UsageException($"--configuration applies to a project, and {target} is an assembly: deploy the project, or the assembly of the build you want");
        }
        string assemblyPath = await TaskTarget.ResolveAssemblyPathAsync(target, artifactsPath, console.Error, _environment, cancellationToken, configuration).ConfigureAwait(false);
        var assembly = TaskAssembly.Load(assemblyPath);
        // The build output is the code: the assembly, its dependencies and anything copied beside them.
        string codeFolder = Path.GetDirectoryName(assemblyPath)!;
        await console.Out.WriteLineAsync(
            $"Deploying {assembly.Tasks.Count} task{(assembly.Tasks.Count == 1 ? "" : "s")} of {assembly.Name} from {codeFolder} to {options.Endpoint} ({options.Project}/{options.Domain})")
            .ConfigureAwait(false);

        using var remote = ControlPlane.Connect(options);
        await remote.CheckRemoteTasksAsync(assembly.RemoteTasks, cancellationToken).ConfigureAwait(false);
        var deployment = await remote.DeployAsync(codeFolder, assembly.Tasks, PushedImageFile.ReadForBuild(codeFolder), cancellationToken).ConfigureAwait(false);
        DeploymentPrinter.Write(console.Out, deployment);
        return ExitCodes.Success;
    }

    private static int PrintDryRun(string directory, string target, CliConsole console)
    {
        string manifestPath = Path.Combine(directory, Manifest.FileName);
        if (!File.Exists(manifestPath))
        {
            throw new UsageException($"no {Manifest.FileName} in {directory}; write one with 'flyte serialize <assembly> --out {target}'");
        }
        var artifacts = DeployArtifacts.Read(directory, ManifestJson.Read(manifestPath));
        DryRunPrinter.Write(console.Out, artifacts);
        return ExitCodes.Success;
    }
}
