namespace Flyte.Runtime.Configuration;

/// <summary>A configuration and the file it was read from (null when no file was found and only defaults and the environment apply).</summary>
internal sealed record LoadedFlyteConfig(FlyteConfig Config, string? SourcePath);
