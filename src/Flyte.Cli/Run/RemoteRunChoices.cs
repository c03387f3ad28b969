namespace Flyte.Cli.Run;

/// <summary>How <c>flyte run</c> runs on a control plane: under which name, and whether it follows the run and how it prints.</summary>
internal sealed record RemoteRunChoices(string? RunName, bool NoWait, bool Json);
