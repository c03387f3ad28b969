namespace Flyte.Cli.Remote;

/// <summary>What the command line says about the control plane (<c>--config</c>, <c>--endpoint</c>, <c>--project</c>, <c>--domain</c>); null where it says nothing.</summary>
internal sealed record ControlPlaneSettings(string? ConfigPath, string? Endpoint, string? Project, string? Domain);
