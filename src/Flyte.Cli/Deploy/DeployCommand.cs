using System.CommandLine;
using Flyte.Cli.Serialize;

namespace Flyte.Cli.Deploy;

/// <summary><c>flyte deploy --dry-run &lt;dir&gt;</c>: what a deploy of the artifacts in a folder would register.</summary>
internal sealed class DeployCommand
{
    public DeployCommand()
    {
        Command = new Command("deploy", "Register tasks from the artifacts 'flyte serialize' (or dotnet build) wrote.")
        {
            Directory, DryRun,
        };
    }

    public Command Command { get; }

    public Argument<string> Directory { get; } = new("directory") { Description = "The folder holding manifest.json and the task specs." };

    public Option<bool> DryRun { get; } = new("--dry-run") { Description = "Print what would be registered; change nothing." };

    public int Invoke(ParseResult parse, CliConsole console)
    {
        if (!parse.GetValue(DryRun))
        {
            throw new UsageException("remote deploy needs a control plane and is not available yet; use --dry-run to see what would be registered");
        }
        string directory = Path.GetFullPath(parse.GetValue(Directory)!);
        string manifestPath = Path.Combine(directory, Manifest.FileName);
        if (!File.Exists(manifestPath))
        {
            throw new UsageException($"no {Manifest.FileName} in {directory}; write one with 'flyte serialize <assembly> --out {parse.GetValue(Directory)}'");
        }
        var artifacts = DeployArtifacts.Read(directory, ManifestJson.Read(manifestPath));
        DryRunPrinter.Write(console.Out, artifacts);
        return ExitCodes.Success;
    }
}
