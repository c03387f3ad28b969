using System.Formats.Tar;
using System.IO.Compression;

namespace Flyte.Images.Tests.Context;

/// <summary>The build context as a tar (for a Docker engine) and a .tar.gz (for Kaniko): complete, ordered and the same bytes every time.</summary>
public sealed class BuildContextArchiveTests : IDisposable
{
    private readonly TestDirectory _context = new();

    public BuildContextArchiveTests()
    {
        _context.Write("Dockerfile", "FROM base:1\n");
        _context.Write("files/0/settings.json", "{}");
        _context.Write("app/b.txt", "b");
        _context.Write("app/A.dll", "a");
        _context.Write("app/sub/c.txt", "c");
        Directory.CreateDirectory(_context.Combine("app/empty"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_context.Combine("app/A.dll"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.SetUnixFileMode(_context.Combine("app/b.txt"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    public void Dispose() => _context.Dispose();

    private async Task<byte[]> TarAsync()
    {
        using var buffer = new MemoryStream();
        await BuildContextArchive.WriteTarAsync(_context.Path, buffer, CancellationToken.None);
        return buffer.ToArray();
    }

    private static List<TarEntry> Read(Stream archive)
    {
        var entries = new List<TarEntry>();
        using var reader = new TarReader(archive);
        while (reader.GetNextEntry(copyData: true) is { } entry)
        {
            entries.Add(entry);
        }
        return entries;
    }

    [Fact]
    public async Task Every_folder_and_file_is_there_in_ordinal_order_with_its_content()
    {
        var entries = Read(new MemoryStream(await TarAsync()));

        Assert.Equal(
            ["Dockerfile", "app/", "app/A.dll", "app/b.txt", "app/empty/", "app/sub/", "app/sub/c.txt", "files/", "files/0/", "files/0/settings.json"],
            entries.Select(entry => entry.Name));
        var dockerfile = entries[0];
        Assert.Equal(TarEntryType.RegularFile, dockerfile.EntryType);
        Assert.Equal("FROM base:1\n", new StreamReader(dockerfile.DataStream!).ReadToEnd());
        Assert.Equal(TarEntryType.Directory, entries[1].EntryType);
    }

    [Fact]
    public async Task Owners_times_and_modes_do_not_depend_on_the_machine_but_executables_stay_executable()
    {
        var entries = Read(new MemoryStream(await TarAsync())).ToDictionary(entry => entry.Name);

        Assert.All(entries.Values, entry => Assert.Equal((0, 0), (entry.Uid, entry.Gid)));
        Assert.All(entries.Values, entry => Assert.Equal(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), entry.ModificationTime));
        Assert.Equal((UnixFileMode)Convert.ToInt32("755", 8), entries["app/"].Mode);
        Assert.Equal((UnixFileMode)Convert.ToInt32("644", 8), entries["app/b.txt"].Mode);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal((UnixFileMode)Convert.ToInt32("755", 8), entries["app/A.dll"].Mode);
        }
    }

    [Fact]
    public async Task The_same_folder_gives_the_same_bytes_even_after_its_files_were_touched()
    {
        byte[] first = await TarAsync();
        File.SetLastWriteTimeUtc(_context.Combine("app/b.txt"), DateTime.UtcNow.AddDays(-3));

        Assert.Equal(first, await TarAsync());
    }

    [Fact]
    public async Task The_gzip_form_unpacks_to_the_same_tar()
    {
        using var compressed = new MemoryStream();
        await BuildContextArchive.WriteTarGzAsync(_context.Path, compressed, CancellationToken.None);
        compressed.Position = 0;
        using var gzip = new GZipStream(compressed, CompressionMode.Decompress);
        using var unpacked = new MemoryStream();
        await gzip.CopyToAsync(unpacked);

        Assert.Equal(await TarAsync(), unpacked.ToArray());
    }

    [Fact]
    public async Task Long_paths_survive()
    {
        string longName = string.Join('/', Enumerable.Repeat("a-rather-long-folder-name", 8)) + "/file.txt";
        _context.Write("app/" + longName, "deep");

        var entries = Read(new MemoryStream(await TarAsync()));

        Assert.Contains(entries, entry => entry.Name == "app/" + longName);
    }
}
