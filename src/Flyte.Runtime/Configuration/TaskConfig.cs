namespace Flyte.Runtime.Configuration;

/// <summary>The <c>task</c> section: where runs and deployments go when a command does not say.</summary>
internal sealed record TaskConfig
{
    public const string DefaultProject = "flytesnacks";
    public const string DefaultDomain = "development";

    public string Org { get; init; } = "";

    public string Project { get; init; } = DefaultProject;

    public string Domain { get; init; } = DefaultDomain;
}
