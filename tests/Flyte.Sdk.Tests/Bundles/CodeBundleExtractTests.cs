using Flyte.Bundles;

namespace Flyte.Sdk.Tests.Bundles;

public sealed class CodeBundleExtractTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private async Task<CodeBundleFile> BundleSampleAsync()
    {
        _temp.Write("src/App.dll", "dll bytes");
        _temp.Write("src/App.runtimeconfig.json", "{}");
        _temp.Write("src/runtimes/linux-x64/native/libx.so", "native");
        _temp.Write("src/.config/settings", "hidden");
        Directory.CreateDirectory(_temp["src/empty"]);
        if (!OperatingSystem.IsWindows())
        {
            _temp.Write("src/run.sh", "#!/bin/sh");
            File.SetUnixFileMode(_temp["src/run.sh"], UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.CreateSymbolicLink(_temp["src/runtimes/libx.so"], "linux-x64/native/libx.so");
        }
        return await CodeBundle.CreateFileAsync(_temp["src"], _temp["out"]);
    }

    private static void AssertSameTree(string expected, string actual)
    {
        var entries = TempFolder.ListTree(expected);
        Assert.Equal(entries, TempFolder.ListTree(actual));
        foreach (var entry in entries)
        {
            var source = new FileInfo(Path.Combine(expected, entry));
            var copy = new FileInfo(Path.Combine(actual, entry));
            Assert.Equal(source.LinkTarget, copy.LinkTarget);
            if (source.Exists && source.LinkTarget is null)
            {
                Assert.Equal(File.ReadAllBytes(source.FullName), File.ReadAllBytes(copy.FullName));
            }
        }
    }

    [Fact]
    public async Task Round_trip_gives_the_same_files_contents_and_links()
    {
        var bundle = await BundleSampleAsync();

        await using (var stream = File.OpenRead(bundle.Path))
        {
            await CodeBundle.ExtractAsync(stream, _temp["dest/app"], bundle.Md5Hex.ToUpperInvariant());
        }

        AssertSameTree(_temp["src"], _temp["dest/app"]);
        Assert.Equal(["app"], TempFolder.ListTree(_temp["dest"]).Where(p => !p.Contains('/')));
        if (!OperatingSystem.IsWindows())
        {
            Assert.True((File.GetUnixFileMode(_temp["dest/app/run.sh"]) & UnixFileMode.UserExecute) != 0);
            Assert.True((File.GetUnixFileMode(_temp["dest/app/App.dll"]) & UnixFileMode.UserExecute) == 0);
        }
    }

    [Fact]
    public async Task Extracts_from_a_stream_that_cannot_seek_into_an_existing_folder()
    {
        var bundle = await BundleSampleAsync();
        _temp.Write("dest/unrelated.txt", "kept");
        _temp.Write("dest/App.dll", "old, replaced");
        _temp.Write("dest/runtimes/old.so", "kept, merged");

        await CodeBundle.ExtractAsync(new NonSeekableStream(File.ReadAllBytes(bundle.Path)), _temp["dest"], bundle.Md5Hex);

        Assert.Equal("dll bytes", File.ReadAllText(_temp["dest/App.dll"]));
        Assert.Equal("kept", File.ReadAllText(_temp["dest/unrelated.txt"]));
        Assert.Equal("kept, merged", File.ReadAllText(_temp["dest/runtimes/old.so"]));
        Assert.Equal("native", File.ReadAllText(_temp["dest/runtimes/linux-x64/native/libx.so"]));
        Assert.DoesNotContain(TempFolder.ListTree(_temp["dest"]), p => p.Contains(".partial"));
    }

    [Fact]
    public async Task An_md5_mismatch_is_rejected_before_anything_is_written()
    {
        var bundle = await BundleSampleAsync();
        var bytes = File.ReadAllBytes(bundle.Path);

        var error = await Assert.ThrowsAsync<BundleRejectedException>(
            () => CodeBundle.ExtractAsync(new NonSeekableStream(bytes), _temp["sandbox/dest"], new string('0', 32)));

        Assert.Contains(bundle.Md5Hex, error.Message);
        Assert.False(Directory.Exists(_temp["sandbox"]));

        Directory.CreateDirectory(_temp["sandbox/dest"]);
        await Assert.ThrowsAsync<BundleRejectedException>(
            () => CodeBundle.ExtractAsync(new MemoryStream(bytes), _temp["sandbox/dest"], new string('0', 32)));
        Assert.Equal(["dest"], TempFolder.ListTree(_temp["sandbox"]));
    }

    [Fact]
    public async Task Bytes_that_are_not_a_tar_gz_are_rejected() =>
        await Assert.ThrowsAsync<BundleRejectedException>(
            () => CodeBundle.ExtractAsync(new MemoryStream("not a bundle"u8.ToArray()), _temp["dest"], null));
}
