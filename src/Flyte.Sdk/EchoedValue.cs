using System.Globalization;
using System.Text;

namespace Flyte;

/// <summary>
/// A value someone gave (a command-line argument, a config value, a bundle entry's name) as an error or warning quotes
/// it: on one line, control characters written as escapes so a value cannot break the message or forge a log line, and
/// at most <see cref="MaxLength"/> characters.
/// </summary>
internal static class EchoedValue
{
    public const int MaxLength = 200;

    /// <param name="maxLength">How many characters of the value to quote at most; <see cref="MaxLength"/> unless given.</param>
    public static string Of(string value, int maxLength = MaxLength)
    {
        var text = new StringBuilder(Math.Min(value.Length, maxLength) + 8);
        foreach (char c in value)
        {
            if (text.Length >= maxLength)
            {
                return text.Append("…(").Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(" characters)").ToString();
            }
            _ = c switch
            {
                '\n' => text.Append("\\n"),
                '\r' => text.Append("\\r"),
                '\t' => text.Append("\\t"),
                _ when char.IsControl(c) || c is '\u2028' or '\u2029' => text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => text.Append(c),
            };
        }
        return text.ToString();
    }
}
