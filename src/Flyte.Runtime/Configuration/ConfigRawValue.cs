namespace Flyte.Runtime.Configuration;

/// <summary>
/// A key's value as found, before it is typed: the text of a YAML scalar or an environment variable, or the items of a
/// YAML sequence; <paramref name="Origin"/> says where, for error messages (<c>admin.insecure in /x/config.yaml (line 3)</c>).
/// </summary>
internal sealed record ConfigRawValue(string? Text, IReadOnlyList<string>? Items, string Origin);
