using System.Text;
using System.Text.RegularExpressions;

namespace Flyte.Generators.Parsing;

/// <summary>Environment names: the first part of every task name.</summary>
internal static class EnvironmentNames
{
    private static readonly Regex Valid = new("^[a-z0-9]+([_-][a-z0-9]+)*$");

    public static bool IsValid(string name) => Valid.IsMatch(name);

    /// <summary>The default for a class without [TaskEnvironment]: its name in snake case (DataPipelines → data_pipelines).</summary>
    public static string FromClassName(string className)
    {
        var builder = new StringBuilder();
        for (int i = 0; i < className.Length; i++)
        {
            char c = className[i];
            if (!char.IsLetterOrDigit(c))
            {
                AppendSeparator(builder);
                continue;
            }
            bool startsWord = char.IsUpper(c) && i > 0
                && (char.IsLower(className[i - 1]) || char.IsDigit(className[i - 1]) || (i + 1 < className.Length && char.IsLower(className[i + 1])));
            if (startsWord)
            {
                AppendSeparator(builder);
            }
            builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString().Trim('_');
    }

    private static void AppendSeparator(StringBuilder builder)
    {
        if (builder.Length > 0 && builder[builder.Length - 1] != '_')
        {
            builder.Append('_');
        }
    }
}
