using Flyte.Bundles;

namespace Flyte.Sdk.Tests.Bundles;

/// <summary>Unpacked bundles kept by MD5 and copied into each attempt's folder (docs/bundles.md).</summary>
public sealed class UnpackedBundleCacheTests
{
    [UnixFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task An_attempt_gets_from_the_cache_the_files_links_and_modes_an_unpacking_gives()
    {
        using var temp = new TempFolder();
        temp.Write("src/App.dll", "app");
        temp.Write("src/data/cities.csv", "Oslo");
        string script = temp.Write("src/run.sh", "#!/bin/sh\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.CreateSymbolicLink(temp["src/latest.csv"], "data/cities.csv");
        var bundle = await CodeBundle.CreateFileAsync(temp["src"], temp["store"]);
        var cache = new UnpackedBundleCache(temp["cache"]);
        int opened = 0;
        Stream Open()
        {
            opened++;
            return File.OpenRead(bundle.Path);
        }

        cache.CopyInto(bundle.Md5Hex, temp["attempt-1"], Open, CancellationToken.None);
        cache.CopyInto(bundle.Md5Hex, temp["attempt-2"], Open, CancellationToken.None);
        using (var stream = File.OpenRead(bundle.Path))
        {
            await CodeBundle.ExtractAsync(stream, temp["unpacked"], bundle.Md5Hex);
        }

        Assert.Equal(1, opened);
        Assert.Equal(TempFolder.ListTree(temp["unpacked"]), TempFolder.ListTree(temp["attempt-2"]));
        Assert.Equal(TempFolder.ListTree(temp["unpacked"]), TempFolder.ListTree(temp["attempt-1"]));
        Assert.Equal("data/cities.csv", new FileInfo(temp["attempt-2/latest.csv"]).LinkTarget);
        Assert.Equal(File.GetUnixFileMode(temp["unpacked/run.sh"]), File.GetUnixFileMode(temp["attempt-2/run.sh"]));
        Assert.True((File.GetUnixFileMode(temp["attempt-2/run.sh"]) & UnixFileMode.UserExecute) != 0);
        Assert.Equal("Oslo", File.ReadAllText(temp["attempt-2/data/cities.csv"]));
        // Nothing is left behind of the staging folders.
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(temp["cache"]), path => path.EndsWith(".partial", StringComparison.Ordinal));
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(temp["attempt-2"]), path => path.EndsWith(".partial", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Files_already_in_the_attempt_folder_are_replaced_by_the_bundles_and_others_kept()
    {
        using var temp = new TempFolder();
        temp.Write("src/App.dll", "new");
        var bundle = await CodeBundle.CreateFileAsync(temp["src"], temp["store"]);
        temp.Write("attempt/App.dll", "old");
        temp.Write("attempt/scratch.txt", "kept");

        new UnpackedBundleCache(temp["cache"]).CopyInto(bundle.Md5Hex, temp["attempt"], () => File.OpenRead(bundle.Path), CancellationToken.None);

        Assert.Equal("new", File.ReadAllText(temp["attempt/App.dll"]));
        Assert.Equal("kept", File.ReadAllText(temp["attempt/scratch.txt"]));
    }

    [Fact]
    public async Task A_bundle_whose_md5_does_not_match_is_refused_and_nothing_is_cached()
    {
        using var temp = new TempFolder();
        temp.Write("src/App.dll", "app");
        var bundle = await CodeBundle.CreateFileAsync(temp["src"], temp["store"]);
        string wrong = new('0', 32);
        var cache = new UnpackedBundleCache(temp["cache"]);

        Assert.Throws<BundleRejectedException>(() => cache.CopyInto(wrong, temp["attempt"], () => File.OpenRead(bundle.Path), CancellationToken.None));

        Assert.Empty(Directory.EnumerateFileSystemEntries(temp["cache"]));
        Assert.False(File.Exists(temp["attempt/App.dll"]));
    }

    [Theory]
    [InlineData("../../etc")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("0123")]
    public void A_name_that_is_not_a_lower_case_md5_is_refused_before_any_path_is_built(string md5)
    {
        using var temp = new TempFolder();

        var e = Assert.Throws<ArgumentException>(() => new UnpackedBundleCache(temp["cache"]).CopyInto(md5, temp["attempt"], () => throw new InvalidOperationException("not opened"), CancellationToken.None));

        Assert.Contains("is not an MD5 in lower-case hex", e.Message);
        Assert.False(Directory.Exists(temp["cache"]));
    }

    [Fact]
    public async Task Attempts_that_start_together_unpack_into_the_cache_once_between_them_and_all_get_the_code()
    {
        using var temp = new TempFolder();
        for (int i = 0; i < 20; i++)
        {
            temp.Write($"src/lib/file{i}.txt", new string('x', 10_000 + i));
        }
        var bundle = await CodeBundle.CreateFileAsync(temp["src"], temp["store"]);
        var cache = new UnpackedBundleCache(temp["cache"]);

        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() =>
            cache.CopyInto(bundle.Md5Hex, temp[$"attempt-{i}"], () => File.OpenRead(bundle.Path), CancellationToken.None))));

        Assert.Equal([bundle.Md5Hex], Directory.EnumerateFileSystemEntries(temp["cache"]).Select(Path.GetFileName));
        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(21, TempFolder.ListTree(temp[$"attempt-{i}"]).Count);
        }
    }
}
