using System.Globalization;
using System.Text;

namespace Flyte.Devbox.Services;

/// <summary>
/// A value from a request as it may appear in an error message: at most <see cref="MaximumLength"/> characters of it,
/// control characters escaped, so that no request can make the devbox echo a header block that clients cannot read.
/// </summary>
public static class Shown
{
    public const int MaximumLength = 64;

    /// <summary><c>'value'</c>, or <c>'first 64 characters…' (N characters)</c> for a longer one.</summary>
    public static string Value(string? value)
    {
        if (value is null)
        {
            return "(none)";
        }
        var text = new StringBuilder("'");
        int shown = Math.Min(value.Length, MaximumLength);
        for (int i = 0; i < shown; i++)
        {
            char c = value[i];
            text.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) || char.IsSurrogate(c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }
        text.Append(value.Length > MaximumLength ? $"…' ({value.Length} characters)" : "'");
        return text.ToString();
    }
}
