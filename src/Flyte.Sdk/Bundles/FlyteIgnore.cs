namespace Flyte.Bundles;

/// <summary>
/// The <c>.flyteignore</c> at the root of a bundled folder: gitignore-style patterns, the last matching one winning.
/// As in git, a file inside an ignored directory cannot be re-included, because the directory is never walked.
/// </summary>
internal sealed class FlyteIgnore
{
    public const string FileName = ".flyteignore";

    private readonly IReadOnlyList<IgnorePattern> _patterns;

    private FlyteIgnore(IReadOnlyList<IgnorePattern> patterns) => _patterns = patterns;

    public static FlyteIgnore Parse(IEnumerable<string> lines) =>
        new(lines.Select(IgnorePattern.Parse).OfType<IgnorePattern>().ToList());

    public static FlyteIgnore Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        return File.Exists(path) ? Parse(File.ReadAllLines(path)) : new FlyteIgnore([]);
    }

    public bool IsIgnored(string relativePath, bool isDirectory)
    {
        var ignored = false;
        foreach (var pattern in _patterns)
        {
            if (pattern.Matches(relativePath, isDirectory))
            {
                ignored = !pattern.Negated;
            }
        }
        return ignored;
    }
}
