using System.CommandLine;
using Flyte.Configuration;

namespace Flyte.Cli.Config;

/// <summary>
/// <c>flyte create config --endpoint E [--insecure] [--project P] [--domain D] [--org O] [--output PATH] [--force]</c>:
/// writes a commented config file, by default <c>.flyte/config.yaml</c> in the current folder, where the CLI, the SDK and
/// flyte-sdk find it.
/// </summary>
internal sealed class CreateConfigCommand
{
    public CreateConfigCommand()
    {
        Config = new Command("config", "Write a config file that points the flyte CLI and the SDK at a Flyte control plane.")
        {
            Endpoint, Insecure, Project, Domain, Org, Output, Force,
        };
        Command = new Command("create", "Create configuration.") { Config };
    }

    public Command Command { get; }

    public Command Config { get; }

    public Option<string> Endpoint { get; } = new("--endpoint")
    {
        Description = $"The control plane's API: {FlyteEndpoint.Forms} (http:// implies --insecure).",
        Required = true,
    };

    public Option<bool> Insecure { get; } = new("--insecure") { Description = "Connect in plaintext, without TLS (as to a local devbox)." };

    public Option<string?> Project { get; } = new("--project") { Description = $"The default project (default {TaskConfig.DefaultProject})." };

    public Option<string?> Domain { get; } = new("--domain") { Description = $"The default domain (default {TaskConfig.DefaultDomain})." };

    public Option<string?> Org { get; } = new("--org") { Description = "The organization (default none)." };

    public Option<string?> Output { get; } = new("--output", "-o") { Description = "Where to write the file (default .flyte/config.yaml in the current folder)." };

    public Option<bool> Force { get; } = new("--force") { Description = "Overwrite the file if it exists." };

    public static string DefaultOutputPath(string currentDirectory) =>
        Path.Combine(currentDirectory, ".flyte", "config.yaml");

    public int Invoke(ParseResult parse, CliConsole console) => Invoke(parse, console, Environment.CurrentDirectory);

    internal int Invoke(ParseResult parse, CliConsole console, string currentDirectory)
    {
        string endpoint = parse.GetValue(Endpoint)!;
        if (FlyteEndpoint.Problem(endpoint) is { } problem)
        {
            throw new UsageException($"--endpoint '{endpoint}' is not valid: {problem}");
        }
        var task = new TaskConfig
        {
            Org = parse.GetValue(Org) ?? "",
            Project = NonEmpty(parse.GetValue(Project), "--project") ?? TaskConfig.DefaultProject,
            Domain = NonEmpty(parse.GetValue(Domain), "--domain") ?? TaskConfig.DefaultDomain,
        };
        // flyte-sdk reads the scheme of an http:// endpoint as no more than a host prefix; insecure: true is what makes it dial plaintext.
        bool insecure = parse.GetValue(Insecure) || endpoint.TrimStart().StartsWith("http://", StringComparison.OrdinalIgnoreCase);
        var config = new FlyteConfig { Admin = new AdminConfig { Endpoint = endpoint.Trim(), Insecure = insecure }, Task = task };

        string path = Path.GetFullPath(parse.GetValue(Output) ?? DefaultOutputPath(currentDirectory), currentDirectory);
        if (Directory.Exists(path))
        {
            throw new UsageException($"{path} is a folder; give a file path with --output");
        }
        if (File.Exists(path) && !parse.GetValue(Force))
        {
            throw new UsageException($"{path} already exists; pass --force to overwrite it");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, FlyteConfigWriter.ToYaml(config));

        console.Out.WriteLine(
            $"wrote {path}: endpoint {config.Admin.Endpoint} ({(insecure ? "plaintext" : "TLS")}), project {task.Project}, domain {task.Domain}"
            + (task.Org.Length > 0 ? $", org {task.Org}" : ""));
        return ExitCodes.Success;
    }

    private static string? NonEmpty(string? value, string option) =>
        value is not null && value.Trim().Length == 0 ? throw new UsageException($"{option} must not be empty") : value;
}
