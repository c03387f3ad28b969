using System.Formats.Tar;
using System.Security.Cryptography;
using Flyte.Bundles;

namespace Flyte.Sdk.Tests.Bundles;

public sealed class CodeBundleCreateTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static async Task<(byte[] Bytes, string Md5)> BundleAsync(string folder)
    {
        var output = new MemoryStream();
        var md5 = await CodeBundle.CreateAsync(folder, output);
        return (output.ToArray(), md5);
    }

    private string Folder(string name, string[] files, DateTime modified)
    {
        foreach (var file in files)
        {
            _temp.Write($"{name}/{file}", "content of " + file, modified);
        }
        Directory.CreateDirectory(_temp[$"{name}/empty"]);
        if (Directory.Exists(_temp[$"{name}/sub"]))
        {
            Directory.SetLastWriteTimeUtc(_temp[$"{name}/sub"], modified);
        }
        return _temp[name];
    }

    [Fact]
    public async Task Same_content_gives_identical_bytes_whatever_the_timestamps_and_creation_order()
    {
        string[] files = ["App.dll", "sub/b.json", "a-b.txt", "sub/a.json", "Z.txt", "a.txt", "sub/deeper/x.bin"];
        var first = Folder("one", files, new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc));
        var second = Folder("two", files.Reverse().ToArray(), new DateTime(2024, 12, 31, 23, 59, 59, DateTimeKind.Utc));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_temp["one/a.txt"], UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.SetUnixFileMode(_temp["two/a.txt"], UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead);
        }

        var (bytes1, md5First) = await BundleAsync(first);
        var (bytes2, md5Second) = await BundleAsync(second);

        Assert.Equal(bytes1, bytes2);
        Assert.Equal(md5First, md5Second);
        Assert.Equal(Convert.ToHexString(MD5.HashData(bytes1)).ToLowerInvariant(), md5First);

        _temp.Write("two/a.txt", "changed");
        Assert.NotEqual(md5First, (await BundleAsync(second)).Md5);
    }

    [Fact]
    public async Task Entries_are_sorted_by_ordinal_path_with_directories_marked()
    {
        var folder = Folder("src", ["b.txt", "a.txt", "sub/z.txt", "a-b.txt", "A.txt"], DateTime.UtcNow);

        var names = Tars.Entries((await BundleAsync(folder)).Bytes).Select(e => e.Name).ToList();

        Assert.Equal(["A.txt", "a-b.txt", "a.txt", "b.txt", "empty/", "sub/", "sub/z.txt"], names);
    }

    [Fact]
    public async Task Gzip_header_has_mtime_zero_and_a_fixed_os_byte()
    {
        var folder = Folder("src", ["a.txt"], DateTime.UtcNow);

        var bytes = (await BundleAsync(folder)).Bytes;

        Assert.Equal(new byte[] { 0x1f, 0x8b, 8 }, bytes[..3]);
        Assert.Equal(new byte[4], bytes[4..8]);
        Assert.Equal(255, bytes[9]);
    }

    [Fact]
    public async Task Headers_leave_the_ustar_prefix_field_empty_so_python_tarfile_reads_the_right_names()
    {
        var folder = Folder("src", ["a.txt"], DateTime.UtcNow);
        var tar = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(new MemoryStream((await BundleAsync(folder)).Bytes), System.IO.Compression.CompressionMode.Decompress))
        {
            gzip.CopyTo(tar);
        }

        // Python reads bytes 345..500 as a name prefix even in GNU headers, where they hold atime and ctime.
        Assert.All(tar.ToArray()[345..500], b => Assert.Equal(0, b));
    }

    [Fact]
    public async Task Entries_have_owner_zero_no_names_a_fixed_mtime_and_normalized_modes()
    {
        var folder = Folder("src", ["data.txt", "run.sh"], DateTime.UtcNow);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_temp["src/run.sh"], UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.SetUnixFileMode(_temp["src/data.txt"], UnixFileMode.UserRead);
        }

        var entries = Tars.Entries((await BundleAsync(folder)).Bytes);

        const UnixFileMode rw_r__r__ = (UnixFileMode)0b110_100_100;
        const UnixFileMode rwxr_xr_x = (UnixFileMode)0b111_101_101;
        foreach (var entry in entries)
        {
            var posix = Assert.IsAssignableFrom<PosixTarEntry>(entry);
            Assert.Equal(0, posix.Uid);
            Assert.Equal(0, posix.Gid);
            Assert.Equal("", posix.UserName);
            Assert.Equal("", posix.GroupName);
            Assert.Equal(DateTimeOffset.UnixEpoch, entry.ModificationTime);
        }
        Assert.Equal(rwxr_xr_x, entries.Single(e => e.Name == "empty/").Mode);
        Assert.Equal(rw_r__r__, entries.Single(e => e.Name == "data.txt").Mode);
        Assert.Equal(OperatingSystem.IsWindows() ? rw_r__r__ : rwxr_xr_x, entries.Single(e => e.Name == "run.sh").Mode);
        Assert.All(entries, e => Assert.Contains(e.EntryType, new[] { TarEntryType.RegularFile, TarEntryType.Directory }));
    }

    [Fact]
    public async Task Writes_a_file_named_after_its_md5()
    {
        var folder = Folder("src", ["a.txt"], DateTime.UtcNow);

        var bundle = await CodeBundle.CreateFileAsync(folder, _temp["out"]);
        var again = await CodeBundle.CreateFileAsync(folder, _temp["out"]);

        Assert.Equal($"fast{bundle.Md5Hex}.tar.gz", bundle.FileName);
        Assert.Matches("^[0-9a-f]{32}$", bundle.Md5Hex);
        Assert.Equal(Path.Combine(_temp["out"], bundle.FileName), bundle.Path);
        Assert.Equal(bundle.Md5Hex, Convert.ToHexString(MD5.HashData(File.ReadAllBytes(bundle.Path))).ToLowerInvariant());
        Assert.Equal(bundle, again);
        Assert.Equal([bundle.FileName], TempFolder.ListTree(_temp["out"]));
    }

    [UnixFact]
    public async Task Keeps_a_symbolic_link_that_stays_inside_and_refuses_one_that_leaves()
    {
        var folder = Folder("src", ["lib/real.so"], DateTime.UtcNow);
        File.CreateSymbolicLink(_temp["src/lib/alias.so"], "real.so");

        var link = Tars.Entries((await BundleAsync(folder)).Bytes).Single(e => e.Name == "lib/alias.so");
        Assert.Equal(TarEntryType.SymbolicLink, link.EntryType);
        Assert.Equal("real.so", link.LinkName);

        File.CreateSymbolicLink(_temp["src/lib/escape"], "../../outside.txt");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => BundleAsync(folder));
        Assert.Contains("'lib/escape'", error.Message);
        Assert.Contains("outside the bundle", error.Message);
    }

    [Fact]
    public async Task A_missing_folder_is_a_clear_error() =>
        await Assert.ThrowsAsync<DirectoryNotFoundException>(() => BundleAsync(_temp["missing"]));
}
