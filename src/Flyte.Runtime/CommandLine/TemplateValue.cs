namespace Flyte.Runtime.CommandLine;

/// <summary>Recognises values the executor left unusable: unsubstituted templates and empty strings.</summary>
internal static class TemplateValue
{
    /// <summary>True for a value still holding a <c>{{…}}</c> template, such as <c>{{.actionName}}</c>.</summary>
    public static bool IsPlaceholder(string value)
    {
        int open = value.IndexOf("{{", StringComparison.Ordinal);
        return open >= 0 && value.IndexOf("}}", open + 2, StringComparison.Ordinal) >= 0;
    }

    /// <summary>
    /// The value, or null when it carries nothing: absent, blank, a placeholder, or a quoted empty
    /// string (older executors pass <c>""</c> literally for an empty <c>{{.prevCheckpointPrefix}}</c>).
    /// </summary>
    public static string? Usable(string? value)
    {
        if (value is null)
        {
            return null;
        }
        string trimmed = value.Trim();
        if (trimmed.Length == 0 || trimmed == "\"\"" || trimmed == "''" || IsPlaceholder(trimmed))
        {
            return null;
        }
        return trimmed;
    }
}
