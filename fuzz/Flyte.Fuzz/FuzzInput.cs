using System.Text;

namespace Flyte.Fuzz;

/// <summary>How the targets read their bytes: UTF-8 text, split on NUL where a target needs a list of strings.</summary>
public static class FuzzInput
{
    /// <summary>The strings between NUL bytes; none for no bytes (an empty command line, not one empty argument).</summary>
    public static string[] Split(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return [];
        }
        var parts = new List<string>();
        foreach (Range range in bytes.Split((byte)0))
        {
            parts.Add(Encoding.UTF8.GetString(bytes[range]));
        }
        return [.. parts];
    }

    /// <summary>Checks what every parser here promises of its error messages: some text, on one line.</summary>
    public static void RequireOneLine(string? message, string what)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            throw new ContractViolationException($"{what} is empty");
        }
        if (message.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ContractViolationException($"{what} spans several lines: {message}");
        }
    }
}
