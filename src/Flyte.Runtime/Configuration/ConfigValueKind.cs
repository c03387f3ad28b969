namespace Flyte.Runtime.Configuration;

/// <summary>What a config key holds, which decides how its YAML node or environment variable is read.</summary>
internal enum ConfigValueKind
{
    Text,
    Boolean,

    /// <summary>A YAML sequence; from a scalar or an environment variable, a JSON array or words separated by spaces or commas.</summary>
    List,

    /// <summary>A program and its arguments: a YAML sequence; from a scalar or an environment variable, a JSON array or words separated by spaces.</summary>
    Command,
}
