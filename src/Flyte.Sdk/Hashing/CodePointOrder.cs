namespace Flyte.Hashing;

/// <summary>
/// Python's <c>sorted()</c> order for str: by Unicode code point, a prefix first. This equals UTF-8 byte order.
/// Ordinal UTF-16 comparison differs only when a surrogate pair meets a code unit in U+E000..U+FFFF.
/// </summary>
internal sealed class CodePointOrder : IComparer<string>
{
    public static readonly CodePointOrder Instance = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }
        if (x is null)
        {
            return -1;
        }
        if (y is null)
        {
            return 1;
        }

        var common = Math.Min(x.Length, y.Length);
        for (var i = 0; i < common; i++)
        {
            if (x[i] != y[i])
            {
                return Fixup(x[i]).CompareTo(Fixup(y[i]));
            }
        }
        return x.Length.CompareTo(y.Length);
    }

    // Surrogates (supplementary code points) must sort after U+E000..U+FFFF, so move them above it.
    private static int Fixup(char c) => c >= '\uE000' ? c - 0x800 : c >= '\uD800' ? c + 0x2000 : c;
}
