using System.CommandLine;

namespace Flyte.Cli.Remote;

/// <summary>The options every command that talks to a control plane takes; each overrides the config file.</summary>
internal sealed class ControlPlaneOptions
{
    /// <param name="repeatable">
    /// For <c>flyte run</c>, where a task's input may share an option's name: the parser then takes the option more than
    /// once without complaint, and the run's own token split decides which occurrence is whose.
    /// </param>
    public ControlPlaneOptions(bool repeatable = false)
    {
        Config = Create("--config", "file", "The config file (default: $FLYTECTL_CONFIG, ./config.yaml, ./.flyte/config.yaml, <git root>/.flyte/config.yaml, ~/.flyte/config.yaml).", repeatable);
        Endpoint = Create("--endpoint", "url", "The control plane, instead of admin.endpoint: http://host:port (plaintext, as for a devbox) or https://host:port.", repeatable);
        Project = Create("--project", "project", "The project, instead of task.project (default flytesnacks).", repeatable);
        Domain = Create("--domain", "domain", "The domain, instead of task.domain (default development).", repeatable);
    }

    public Option Config { get; }

    public Option Endpoint { get; }

    public Option Project { get; }

    public Option Domain { get; }

    public IReadOnlyList<Option> All => [Config, Endpoint, Project, Domain];

    public void AddTo(Command command)
    {
        foreach (var option in All)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The settings as parsed; for options made <c>repeatable</c>, the last occurrence.</summary>
    public ControlPlaneSettings Read(ParseResult parse) => new(Value(parse, Config), Value(parse, Endpoint), Value(parse, Project), Value(parse, Domain));

    /// <summary>An option that may appear more than once, each time with one value (<c>--name a … --name b</c>).</summary>
    public static Option<string[]> Repeatable(string name, string helpName, string description) =>
        new(name) { HelpName = helpName, Description = description, Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };

    private static Option Create(string name, string helpName, string description, bool repeatable) =>
        repeatable ? Repeatable(name, helpName, description) : new Option<string?>(name) { HelpName = helpName, Description = description };

    private static string? Value(ParseResult parse, Option option) => option switch
    {
        Option<string[]> repeated => parse.GetValue(repeated) is [.., var last] ? last : null,
        Option<string?> single => parse.GetValue(single),
        _ => null,
    };
}
