using System.Text;
using System.Text.Json;
using Flyte.Build;
using Flyte.Cli.Json;
using Flyte.Tasks;
using Flyteidl2.Core;

namespace Flyte.Cli.Run;

/// <summary>
/// One input as typed after its flag: scalars as they read (<c>--x 1</c>, <c>--name abc</c>,
/// <c>--flag true</c>, <c>--when 2024-05-01</c>, <c>--took 90s</c>, <c>--shape Circle</c>), JSON for
/// lists, maps, records and unions (<c>--names '["a","b"]'</c>), paths or URIs for files, folders and tables.
/// </summary>
internal static class CommandLineValue
{
    public static Literal Parse(string text, LiteralType type)
    {
        var valueType = LiteralTypeDescription.OptionalValueType(type) ?? type;
        if (IsBlob(valueType) && !IsNull(text, type))
        {
            text = LocalPath.Resolve(text, valueType.Blob.Dimensionality);
        }
        else if (IsTable(valueType) && !IsNull(text, type))
        {
            text = LocalPath.ResolveTable(text);
        }
        string json = ReadsAsText(valueType) && !IsNull(text, type) ? Quote(text) : Normalize(text, valueType);
        return LiteralJson.FromJson(json, type);
    }

    /// <summary>Types whose values are JSON strings: typed bare on a command line, without quotes.</summary>
    private static bool ReadsAsText(LiteralType type) => type.TypeCase switch
    {
        LiteralType.TypeOneofCase.EnumType or LiteralType.TypeOneofCase.Blob or LiteralType.TypeOneofCase.StructuredDatasetType => true,
        LiteralType.TypeOneofCase.Simple => type.Simple is SimpleType.String or SimpleType.Datetime or SimpleType.Duration,
        _ => false,
    };

    private static bool IsBlob(LiteralType type) => type.TypeCase == LiteralType.TypeOneofCase.Blob;

    private static bool IsTable(LiteralType type) => type.TypeCase == LiteralType.TypeOneofCase.StructuredDatasetType;

    /// <summary>"null" is none only where none is allowed; elsewhere it is the text "null".</summary>
    private static bool IsNull(string text, LiteralType type) =>
        text == "null" && LiteralTypeDescription.OptionalValueType(type) is not null;

    /// <summary>Numbers and booleans are read as JSON; text that is not JSON is quoted so the error shows it as typed.</summary>
    private static string Normalize(string text, LiteralType type)
    {
        if (type.TypeCase == LiteralType.TypeOneofCase.Simple && type.Simple is SimpleType.Integer or SimpleType.Float or SimpleType.Boolean)
        {
            string trimmed = text.Trim();
            if (type.Simple == SimpleType.Boolean && (trimmed.Equals("true", StringComparison.OrdinalIgnoreCase) || trimmed.Equals("false", StringComparison.OrdinalIgnoreCase)))
            {
                return trimmed.ToLowerInvariant();
            }
            return IsJson(trimmed) ? trimmed : Quote(text);
        }
        return text;
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Quote(string text)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStringValue(text);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
