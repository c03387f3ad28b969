using System.CommandLine;
using Flyte.Cli.Remote;

namespace Flyte.Cli.Generate;

/// <summary>
/// <c>flyte generate remote-task NAME [--version V] [--class C] [--method M] [--namespace N] [--out FILE]</c>: writes the
/// C# [RemoteTask] declaration of a deployed task, from the interface the control plane has for it.
/// </summary>
internal sealed class GenerateCommand
{
    private readonly ControlPlaneOptions _controlPlane = new();
    private readonly CliEnvironment _environment;

    public GenerateCommand(CliEnvironment environment)
    {
        _environment = environment;
        RemoteTask = new Command("remote-task", "Write the C# [RemoteTask] declaration of a deployed task (of any language), to call it from a workflow.")
        {
            Name, Version, ClassName, MethodName, Namespace, Out,
        };
        _controlPlane.AddTo(RemoteTask);
        Command = new Command("generate", "Write C# source from what is deployed.") { RemoteTask };
    }

    public Command Command { get; }

    public Command RemoteTask { get; }

    public Argument<string> Name { get; } = new("name") { Description = "The deployed task's name, such as ml.train." };

    public Option<string?> Version { get; } = new("--version") { Description = "Declare this version (pinned in the attribute); by default the newest, unpinned." };

    public Option<string> ClassName { get; } = new("--class") { Description = "The static partial class to declare it in.", DefaultValueFactory = _ => "RemoteTasks" };

    public Option<string?> MethodName { get; } = new("--method") { Description = "The method's name; by default the task's function name in PascalCase." };

    public Option<string?> Namespace { get; } = new("--namespace") { Description = "The namespace of the class; by default none." };

    public Option<string?> Out { get; } = new("--out", "-o") { Description = "Write to this file instead of standard output." };

    public Task<int> InvokeAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken) => RemoteFailures.AsUsageErrorsAsync(async () =>
    {
        var options = ControlPlane.Resolve(_controlPlane.Read(parse), _environment);
        using var remote = ControlPlane.Connect(options);
        string? version = parse.GetValue(Version);
        var deployed = await remote.GetDeployedTaskAsync(parse.GetValue(Name)!, version, project: null, domain: null, cancellationToken).ConfigureAwait(false);
        string source = RemoteTaskDeclaration.Write(deployed, parse.GetValue(Namespace), parse.GetValue(ClassName)!, parse.GetValue(MethodName), pinVersion: version is not null);
        if (parse.GetValue(Out) is { } path)
        {
            string full = _environment.FullPath(path);
            await File.WriteAllTextAsync(full, source, cancellationToken).ConfigureAwait(false);
            await console.Out.WriteLineAsync($"wrote the declaration of {deployed.TaskId.Name} (version {deployed.TaskId.Version}) to {full}").ConfigureAwait(false);
        }
        else
        {
            await console.Out.WriteAsync(source).ConfigureAwait(false);
        }
        return ExitCodes.Success;
    }, cancellationToken);
}
