using System.Globalization;

namespace Flyte.Devbox.State;

/// <summary>
/// Timestamps are stored as UTC ISO-8601 text with all seven fraction digits: readable in the sqlite3 shell, exact to
/// the tick, and ordered correctly by plain text comparison.
/// </summary>
internal static class Timestamps
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string ToText(DateTimeOffset value) =>
        value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static string? ToText(DateTimeOffset? value) => value is { } present ? ToText(present) : null;

    public static DateTimeOffset FromText(string text) =>
        DateTimeOffset.ParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
