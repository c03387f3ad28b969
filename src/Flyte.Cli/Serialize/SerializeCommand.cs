using System.CommandLine;
using Flyte.Build;
using Flyte.Cli.Loading;
using Flyte.Tasks;

namespace Flyte.Cli.Serialize;

/// <summary><c>flyte serialize &lt;assembly&gt; --out &lt;dir&gt;</c>: the registrable artifacts of an assembly's tasks, as a build step writes them.</summary>
internal sealed class SerializeCommand
{
    private readonly CliEnvironment _environment;

    public SerializeCommand(CliEnvironment environment)
    {
        _environment = environment;
        Command = new Command("serialize", "Write a TaskSpec (.pb) per task and a manifest.json, the artifacts a deploy registers.")
        {
            Target, Output, Version, Image, ArtifactsPath,
        };
    }

    public Command Command { get; }

    public Argument<string> Target { get; } = new("assembly") { Description = "The assembly (.dll), or a project to build first." };

    public Option<string> Output { get; } = new("--out", "-o") { Description = "The folder to write into (stale .pb files in it are removed).", Required = true };

    public Option<string?> Version { get; } = new("--version") { Description = "The task version; by default a placeholder that deploy fills with the code bundle's hash." };

    public Option<string?> Image { get; } = new("--image") { Description = "The image of tasks that declare none; by default a placeholder that deploy fills." };

    public Option<string?> ArtifactsPath { get; } = new("--artifacts-path") { Description = TaskTarget.ArtifactsPathDescription, HelpName = "dir" };

    public async Task<int> InvokeAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken)
    {
        var assembly = await TaskTarget.LoadAsync(parse.GetValue(Target)!, parse.GetValue(ArtifactsPath), console.Error, _environment, cancellationToken).ConfigureAwait(false);
        var defaults = new TaskTemplateSettings();
        var settings = defaults with
        {
            Version = parse.GetValue(Version) ?? defaults.Version,
            DefaultImage = parse.GetValue(Image) ?? defaults.DefaultImage,
        };
        string output = _environment.FullPath(parse.GetValue(Output)!);
        Manifest manifest;
        try
        {
            manifest = TaskArtifacts.Write(assembly.Name, assembly.Tasks, output, settings);
        }
        catch (ArtifactsException e)
        {
            throw new UsageException(e.Message, e);
        }
        console.Out.WriteLine($"Wrote {manifest.Tasks.Count} task spec{(manifest.Tasks.Count == 1 ? "" : "s")} of {manifest.Assembly} to {output}");
        return ExitCodes.Success;
    }
}
