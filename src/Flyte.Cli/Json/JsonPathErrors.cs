
namespace Flyte.Cli.Json;

/// <summary>
/// Prefixes conversion errors with where in the value they happened, so a nested mistake reads
/// <c>[1].x: expected an integer, got "a"</c>.
/// </summary>
internal static class JsonPathErrors
{
    public static string Index(int index) => "[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";

    public static string Key(string key) => "[\"" + key + "\"]";

    public static string Property(string name) => "." + name;

    public static LiteralConversionException At(string segment, LiteralConversionException inner)
    {
        string message = inner.Message;
        string separator = message.StartsWith('[') || message.StartsWith('.') ? "" : ": ";
        return new LiteralConversionException(segment + separator + message, inner);
    }

    public static LiteralConversionException Expected(string expected, System.Text.Json.JsonElement got) =>
        new($"expected {expected}, got {JsonValueText.Of(got)}");

    /// <summary>A top-level path reads better without its leading dot: <c>x: …</c> rather than <c>.x: …</c>.</summary>
    public static LiteralConversionException AtRoot(LiteralConversionException error) =>
        error.Message.StartsWith('.') ? new LiteralConversionException(error.Message[1..], error) : error;
}
