using System.Text;
using System.Text.RegularExpressions;

namespace Flyte.Bundles;

/// <summary>
/// One gitignore-style line: <c>*</c>, <c>?</c>, <c>[...]</c>, <c>**</c> as a whole segment, a leading <c>!</c>
/// (negation), a trailing <c>/</c> (directories only), and a <c>/</c> anywhere but the end anchoring it to the root
/// (otherwise it matches at any depth).
/// </summary>
internal sealed class IgnorePattern
{
    private readonly Regex _regex;

    private IgnorePattern(Regex regex, bool negated, bool directoryOnly)
    {
        _regex = regex;
        Negated = negated;
        DirectoryOnly = directoryOnly;
    }

    public bool Negated { get; }

    public bool DirectoryOnly { get; }

    /// <summary>The pattern on a line, or null for blank lines and comments.</summary>
    public static IgnorePattern? Parse(string line)
    {
        var text = TrimUnescapedTrailingSpaces(line.TrimEnd('\r'));
        if (text.Length == 0 || text[0] == '#')
        {
            return null;
        }

        var negated = text[0] == '!';
        if (negated)
        {
            text = text[1..];
        }
        else if (text.StartsWith("\\!", StringComparison.Ordinal) || text.StartsWith("\\#", StringComparison.Ordinal))
        {
            text = text[1..];
        }

        var directoryOnly = text.EndsWith('/');
        text = text.TrimEnd('/');
        var anchored = text.Contains('/');
        text = text.TrimStart('/');
        if (text.Length == 0)
        {
            return null;
        }

        var regex = new Regex(ToRegex(text, anchored), RegexOptions.CultureInvariant | RegexOptions.Singleline);
        return new IgnorePattern(regex, negated, directoryOnly);
    }

    /// <param name="relativePath">'/'-separated, relative to the folder holding the .flyteignore.</param>
    public bool Matches(string relativePath, bool isDirectory) =>
        (isDirectory || !DirectoryOnly) && _regex.IsMatch(relativePath);

    private static string TrimUnescapedTrailingSpaces(string text)
    {
        var end = text.Length;
        while (end > 0 && text[end - 1] == ' ' && !(end > 1 && text[end - 2] == '\\'))
        {
            end--;
        }
        return text[..end];
    }

    private static string ToRegex(string glob, bool anchored)
    {
        var regex = new StringBuilder("^");
        if (!anchored)
        {
            regex.Append("(?:.*/)?");
        }

        var i = 0;
        while (i < glob.Length)
        {
            var c = glob[i];
            switch (c)
            {
                case '*':
                    var end = i;
                    while (end < glob.Length && glob[end] == '*')
                    {
                        end++;
                    }
                    var wholeSegment = end - i >= 2 && (i == 0 || glob[i - 1] == '/') && (end == glob.Length || glob[end] == '/');
                    if (!wholeSegment)
                    {
                        regex.Append("[^/]*");
                        i = end;
                    }
                    else if (end == glob.Length)
                    {
                        regex.Append(".*");
                        i = end;
                    }
                    else
                    {
                        // "**/": zero or more whole directories.
                        regex.Append("(?:.*/)?");
                        i = end + 1;
                    }
                    break;
                case '?':
                    regex.Append("[^/]");
                    i++;
                    break;
                case '[':
                    i = AppendClass(glob, i, regex);
                    break;
                case '\\' when i + 1 < glob.Length:
                    regex.Append(Regex.Escape(glob[i + 1].ToString()));
                    i += 2;
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    i++;
                    break;
            }
        }
        return regex.Append('$').ToString();
    }

    /// <summary>Appends <c>[...]</c> starting at <paramref name="open"/>; returns the index after it. An unclosed '[' is literal.</summary>
    private static int AppendClass(string glob, int open, StringBuilder regex)
    {
        var i = open + 1;
        var negated = i < glob.Length && (glob[i] == '!' || glob[i] == '^');
        if (negated)
        {
            i++;
        }
        var first = i;
        while (i < glob.Length && (glob[i] != ']' || i == first))
        {
            i++;
        }
        if (i >= glob.Length)
        {
            regex.Append("\\[");
            return open + 1;
        }

        regex.Append(negated ? "[^/" : "[");
        foreach (var c in glob.AsSpan(first, i - first))
        {
            regex.Append(c is '\\' or '[' or ']' or '^' ? "\\" + c : c.ToString());
        }
        regex.Append(']');
        return i + 1;
    }
}
