using System.Text.Json;

namespace Flyte.Cli.Json;

/// <summary>A JSON value as an error message quotes it: short values verbatim, long ones by kind.</summary>
internal static class JsonValueText
{
    private const int MaxLength = 40;

    public static string Of(JsonElement value)
    {
        string raw = value.GetRawText();
        if (raw.Length <= MaxLength && !raw.Contains('\n', StringComparison.Ordinal))
        {
            return raw;
        }
        return value.ValueKind switch
        {
            JsonValueKind.Object => "a JSON object",
            JsonValueKind.Array => $"a JSON list of {value.GetArrayLength()}",
            JsonValueKind.String => raw[..(MaxLength - 2)] + "…\"",
            _ => raw[..MaxLength] + "…",
        };
    }
}
