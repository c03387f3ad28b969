namespace Flyte.Configuration;

/// <summary>A configuration and the file it was read from (null when no file was found and only defaults and the environment apply).</summary>
public sealed record LoadedFlyteConfig(FlyteConfig Config, string? SourcePath);
