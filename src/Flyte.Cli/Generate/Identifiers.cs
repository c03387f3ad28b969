using System.Globalization;
using System.Text;

namespace Flyte.Cli.Generate;

/// <summary>C# names: whether a name is one, and a PascalCase name from a snake_case or dotted one.</summary>
internal static class Identifiers
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue", "decimal",
        "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally", "fixed", "float",
        "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock", "long", "namespace", "new",
        "null", "object", "operator", "out", "override", "params", "private", "protected", "public", "readonly", "ref", "return",
        "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try",
        "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    };

    public static bool IsValid(string name) =>
        name.Length > 0 && !Keywords.Contains(name) && (char.IsLetter(name[0]) || name[0] == '_')
        && name.All(c => char.IsLetterOrDigit(c) || c == '_');

    /// <summary><c>train_model</c> → <c>TrainModel</c>; <c>ml.train</c> → <c>MlTrain</c>.</summary>
    public static string Pascal(string name)
    {
        var text = new StringBuilder();
        foreach (string part in name.Split(['_', '.', '-', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            text.Append(char.ToUpper(part[0], CultureInfo.InvariantCulture)).Append(part.AsSpan(1));
        }
        string result = text.ToString();
        return IsValid(result) ? result : "_" + result;
    }
}
