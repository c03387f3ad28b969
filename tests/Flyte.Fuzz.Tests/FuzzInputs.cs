namespace Flyte.Fuzz.Tests;

/// <summary>The committed inputs of each target: its seeds (fuzz/corpus/&lt;target&gt;) and AFL's findings (fuzz/findings/&lt;target&gt;).</summary>
public static class FuzzInputs
{
    public static string Root { get; } = FindRoot();

    /// <summary>Each input as (target, path relative to fuzz/), for test names that say which file failed.</summary>
    public static TheoryData<string, string> All()
    {
        var data = new TheoryData<string, string>();
        foreach (var target in FuzzTargets.All)
        {
            foreach (string folder in new[] { "corpus", "findings" })
            {
                string directory = Path.Combine(Root, folder, target.Name);
                if (!Directory.Exists(directory))
                {
                    continue;
                }
                foreach (string file in Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal))
                {
                    data.Add(target.Name, Path.GetRelativePath(Root, file));
                }
            }
        }
        return data;
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "fuzz", "corpus");
            if (Directory.Exists(candidate))
            {
                return Path.Combine(directory.FullName, "fuzz");
            }
        }
        throw new DirectoryNotFoundException($"no fuzz/corpus above {AppContext.BaseDirectory}");
    }
}
