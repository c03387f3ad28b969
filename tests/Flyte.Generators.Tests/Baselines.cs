namespace Flyte.Generators.Tests;

/// <summary>
/// Golden files of generated source under Baselines/&lt;test&gt;/&lt;hint&gt;.
/// Set FLYTE_UPDATE_BASELINES=1 to rewrite them from the current generator.
/// </summary>
internal static class Baselines
{
    private static bool Update => Environment.GetEnvironmentVariable("FLYTE_UPDATE_BASELINES") == "1";

    public static void Verify(string testName, IReadOnlyDictionary<string, string> sources)
    {
        string folder = Path.Combine(RepositoryPaths.Root, "tests", "Flyte.Generators.Tests", "Baselines", testName);
        if (Update)
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
            Directory.CreateDirectory(folder);
            foreach (var (hint, source) in sources)
            {
                File.WriteAllText(Path.Combine(folder, hint), Normalize(source));
            }
            return;
        }

        Assert.True(Directory.Exists(folder), $"no baselines in {folder}; run the tests once with FLYTE_UPDATE_BASELINES=1");
        var expectedFiles = Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expectedFiles, sources.Keys.Order(StringComparer.Ordinal).ToArray());
        foreach (var (hint, source) in sources)
        {
            string expected = File.ReadAllText(Path.Combine(folder, hint));
            Assert.True(expected == Normalize(source), $"{hint} differs from its baseline; if the change is intended, rerun with FLYTE_UPDATE_BASELINES=1 and review the diff");
        }
    }

    /// <summary>Line endings, and the generator's version in GeneratedCode attributes, which changes with every release.</summary>
    private static string Normalize(string source) => source.Replace("\r\n", "\n")
        .Replace($"GeneratedCode(\"Flyte.Generators\", \"{Emitting.Header.GeneratorVersion}\")", "GeneratedCode(\"Flyte.Generators\", \"{version}\")");
}
