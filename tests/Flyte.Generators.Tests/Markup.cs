using Microsoft.CodeAnalysis.Text;

namespace Flyte.Generators.Tests;

/// <summary>Source with one <c>[|…|]</c> marking where a diagnostic is expected.</summary>
internal static class Markup
{
    public static (string Source, TextSpan Span) Parse(string marked)
    {
        int start = marked.IndexOf("[|", StringComparison.Ordinal);
        int end = marked.IndexOf("|]", StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            throw new ArgumentException("source needs one [|…|] marker", nameof(marked));
        }
        string source = marked.Remove(end, 2).Remove(start, 2);
        return (source, TextSpan.FromBounds(start, end - 2));
    }
}
