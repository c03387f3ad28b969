namespace Flyte.Local;

/// <summary>
/// Formats an exception the way a user wants to read it: type, message and the frames of their
/// own code, without the engine's and the generated invoker's frames around them.
/// </summary>
internal static class UserStackTrace
{
    private static readonly string[] HiddenFramePrefixes =
    [
        "   at Flyte.Local.",
        "   at Flyte.Tasks.",
        "   at Flyte.Execution.",
        "   at Flyte.Generated.",
        "   at System.Runtime.CompilerServices.",
        "   at System.Runtime.ExceptionServices.",
        "   at System.Threading.Tasks.",
        "   at System.Threading.ExecutionContext.",
        "--- End of stack trace from previous location ---",
    ];

    public static string Format(Exception exception)
    {
        var builder = new System.Text.StringBuilder();
        builder.Append(exception.GetType().FullName).Append(": ").Append(exception.Message);
        foreach (string line in (exception.StackTrace ?? "").Split('\n'))
        {
            string frame = line.TrimEnd('\r');
            if (frame.Length > 0 && !HiddenFramePrefixes.Any(prefix => frame.StartsWith(prefix, StringComparison.Ordinal)))
            {
                builder.Append('\n').Append(frame);
            }
        }
        if (exception.InnerException is { } inner)
        {
            builder.Append("\n ---> ").Append(Format(inner));
        }
        return builder.ToString();
    }

    /// <summary>One line: the exception's type name and message.</summary>
    public static string Summary(Exception exception) => $"{exception.GetType().Name}: {exception.Message}";
}
