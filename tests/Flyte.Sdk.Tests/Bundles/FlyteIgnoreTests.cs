using Flyte.Bundles;

namespace Flyte.Sdk.Tests.Bundles;

public sealed class FlyteIgnoreTests
{
    [Theory]
    // Unanchored names match at any depth.
    [InlineData("*.pdb", "App.pdb", false, true)]
    [InlineData("*.pdb", "sub/deep/App.pdb", false, true)]
    [InlineData("*.pdb", "App.pdb.txt", false, false)]
    [InlineData("secret.json", "config/secret.json", false, true)]
    // A trailing slash matches directories only.
    [InlineData("logs/", "logs", true, true)]
    [InlineData("logs/", "a/logs", true, true)]
    [InlineData("logs/", "logs", false, false)]
    // A leading or middle slash anchors to the root.
    [InlineData("/rooted", "rooted", false, true)]
    [InlineData("/rooted", "sub/rooted", false, false)]
    [InlineData("sub/x.txt", "sub/x.txt", false, true)]
    [InlineData("sub/x.txt", "a/sub/x.txt", false, false)]
    // '*' and '?' stop at '/'.
    [InlineData("/*.txt", "a.txt", false, true)]
    [InlineData("/*.txt", "sub/a.txt", false, false)]
    [InlineData("file?.txt", "file1.txt", false, true)]
    [InlineData("file?.txt", "file12.txt", false, false)]
    [InlineData("a*b", "a/b", false, false)]
    // '**' as a whole segment spans directories.
    [InlineData("**/cache", "cache", true, true)]
    [InlineData("**/cache", "x/y/cache", true, true)]
    [InlineData("docs/**", "docs/a/b.md", false, true)]
    [InlineData("docs/**", "docs", true, false)]
    [InlineData("a/**/b", "a/b", false, true)]
    [InlineData("a/**/b", "a/x/y/b", false, true)]
    [InlineData("a/**/b", "c/a/x/b", false, false)]
    // Character classes.
    [InlineData("run[0-9].log", "run7.log", false, true)]
    [InlineData("run[!0-9].log", "runx.log", false, true)]
    [InlineData("run[!0-9].log", "run7.log", false, false)]
    // Escapes and literal regex characters.
    [InlineData("\\#notcomment", "#notcomment", false, true)]
    [InlineData("a+b(1).txt", "a+b(1).txt", false, true)]
    public void Matches_like_gitignore(string pattern, string path, bool isDirectory, bool ignored) =>
        Assert.Equal(ignored, FlyteIgnore.Parse([pattern]).IsIgnored(path, isDirectory));

    [Fact]
    public void The_last_matching_pattern_wins_and_comments_and_blanks_are_skipped()
    {
        var ignore = FlyteIgnore.Parse(["# build output", "", "*.log", "!keep.log", "   ", "keep.log.old"]);

        Assert.True(ignore.IsIgnored("debug.log", false));
        Assert.False(ignore.IsIgnored("keep.log", false));
        Assert.False(ignore.IsIgnored("sub/keep.log", false));
        Assert.True(ignore.IsIgnored("keep.log.old", false));
        Assert.False(ignore.IsIgnored("# build output", false));
    }

    [Fact]
    public async Task Ignored_entries_and_the_ignore_file_are_left_out_of_the_bundle()
    {
        using var temp = new TempFolder();
        temp.Write("src/.flyteignore", "# comment\n*.pdb\nlogs/\n/rooted.txt\n*.tmp\n!important.tmp\nlogs-kept/**/*.bin\n");
        foreach (var file in new[]
                 {
                     "App.dll", "App.pdb", "sub/Lib.pdb", "sub/Lib.dll", "logs/run.txt", "sub/logs/x.txt", "rooted.txt",
                     "sub/rooted.txt", "a.tmp", "important.tmp", "logs-kept/a/b/c.bin", "logs-kept/a/c.txt", ".hidden",
                 })
        {
            temp.Write("src/" + file, file);
        }

        var output = new MemoryStream();
        await CodeBundle.CreateAsync(temp["src"], output);

        var names = Tars.Entries(output.ToArray()).Select(e => e.Name).ToList();
        Assert.Equal(
            [".hidden", "App.dll", "important.tmp", "logs-kept/", "logs-kept/a/", "logs-kept/a/b/", "logs-kept/a/c.txt", "sub/", "sub/Lib.dll", "sub/rooted.txt"],
            names);
    }

    [Fact]
    public async Task A_file_inside_an_ignored_directory_cannot_be_re_included()
    {
        using var temp = new TempFolder();
        temp.Write("src/.flyteignore", "logs/\n!logs/keep.txt\n");
        temp.Write("src/logs/keep.txt", "x");

        var output = new MemoryStream();
        await CodeBundle.CreateAsync(temp["src"], output);

        Assert.Empty(Tars.Entries(output.ToArray()));
        output.Position = 0;
        await CodeBundle.ExtractAsync(output, temp["dest"], null);
        Assert.Empty(TempFolder.ListTree(temp["dest"]));
    }
}
