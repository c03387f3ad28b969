using System.Formats.Tar;
using Flyte.Bundles;

namespace Flyte.Sdk.Tests.Bundles;

/// <summary>Malicious bundles: each is refused whole, naming the entry, with nothing written anywhere.</summary>
public sealed class CodeBundleRejectionTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string, string> Cases => new()
    {
        { "dotdot", "../evil" },
        { "nested-dotdot", "a/../../evil" },
        { "absolute", "/etc/evil" },
        { "drive", "C:/evil" },
        { "backslash", "..\\evil" },
        { "link-absolute", "link" },
        { "link-up", "a" },
        { "link-chain", "a" },
        { "hardlink", "hard" },
        { "beneath-link", "d/x" },
        { "fifo", "pipe" },
        // Found by fuzzing (docs/fuzzing.md): each failed with an IOException or ArgumentException while writing.
        { "beneath-file", "a/b" },
        { "beneath-file-written-first", "a/b" },
        { "link-empty", "l" },
        { "long-name", "d/" + new string('\u00e9', 128) },
    };

    private static byte[] Malicious(string name) => name switch
    {
        "dotdot" => Tars.Craft(Tars.File("ok.txt"), Tars.File("../evil")),
        "nested-dotdot" => Tars.Craft(Tars.File("ok.txt"), Tars.File("a/../../evil")),
        "absolute" => Tars.Craft(Tars.File("ok.txt"), Tars.File("/etc/evil")),
        "drive" => Tars.Craft(Tars.File("ok.txt"), Tars.File("C:/evil")),
        "backslash" => Tars.Craft(Tars.File("ok.txt"), Tars.File("..\\evil")),
        "link-absolute" => Tars.Craft(Tars.File("ok.txt"), Tars.Link(TarEntryType.SymbolicLink, "link", "/etc/passwd")),
        "link-up" => Tars.Craft(Tars.File("ok.txt"), Tars.Link(TarEntryType.SymbolicLink, "a", "../../x")),
        // Each link alone looks inside; together "a" is the destination's parent.
        "link-chain" => Tars.Craft(Tars.Link(TarEntryType.SymbolicLink, "b", "."), Tars.Link(TarEntryType.SymbolicLink, "a", "b/..")),
        "hardlink" => Tars.Craft(Tars.File("ok.txt"), Tars.Link(TarEntryType.HardLink, "hard", "ok.txt")),
        // The link itself stays inside, but a file written through it would not be the file the entry names.
        "beneath-link" => Tars.Craft(Tars.Directory("sub/"), Tars.Link(TarEntryType.SymbolicLink, "d", "sub"), Tars.File("d/x")),
        "fifo" => Tars.Craft(Tars.File("ok.txt"), new PaxTarEntry(TarEntryType.Fifo, "pipe")),
        "beneath-file" => Tars.Craft(Tars.File("a"), Tars.File("a/b")),
        "beneath-file-written-first" => Tars.Craft(Tars.File("a/b"), Tars.File("a")),
        "link-empty" => Tars.Gzip(Tars.EmptyLinkTarget("l")),
        // 128 two-byte characters: 256 bytes, one more than a file name holds.
        "long-name" => Tars.Craft(Tars.File("ok.txt"), Tars.File("d/" + new string('\u00e9', 128))),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Refused_into_a_new_folder_leaving_nothing(string name, string offendingEntry)
    {
        var sandbox = _temp["sandbox"];
        Directory.CreateDirectory(sandbox);

        var error = await Assert.ThrowsAsync<BundleRejectedException>(
            () => CodeBundle.ExtractAsync(new MemoryStream(Malicious(name)), Path.Combine(sandbox, "a", "b", "dest"), null));

        Assert.Equal(offendingEntry, error.EntryName);
        Assert.Contains($"'{offendingEntry}'", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Empty(TempFolder.ListTree(sandbox));
        Assert.False(File.Exists("/etc/evil"));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Refused_into_an_existing_folder_leaving_it_as_it_was(string name, string offendingEntry)
    {
        var destination = _temp["sandbox/dest"];
        _temp.Write("sandbox/dest/existing.txt", "untouched");
        var bytes = Malicious(name);

        var error = await Assert.ThrowsAsync<BundleRejectedException>(
            () => CodeBundle.ExtractAsync(new NonSeekableStream(bytes), destination, null));

        Assert.Equal(offendingEntry, error.EntryName);
        Assert.Equal(["dest", "dest/existing.txt"], TempFolder.ListTree(_temp["sandbox"]));
        Assert.Equal("untouched", File.ReadAllText(_temp["sandbox/dest/existing.txt"]));
    }

    [Fact]
    public async Task A_name_with_a_newline_is_quoted_on_one_line()
    {
        var error = await Assert.ThrowsAsync<BundleRejectedException>(
            () => CodeBundle.ExtractAsync(new MemoryStream(Tars.Craft(new UstarTarEntry(TarEntryType.RegularFile, "../a\nb"))), _temp["dest"], null));

        Assert.Equal("../a\nb", error.EntryName);
        Assert.Equal("Code bundle entry '../a\\nb' rejected: its path has a '..' segment, which leaves the destination.", error.Message);
    }

    [Fact]
    public async Task A_number_too_large_for_its_header_field_is_not_a_valid_tar()
    {
        // A GNU header whose access time is base-256 (first byte 0xff) and overflows: TarReader throws OverflowException.
        var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Gnu, leaveOpen: true))
        {
            writer.WriteEntry(new GnuTarEntry(TarEntryType.RegularFile, "f") { DataStream = new MemoryStream([1]) });
        }
        byte[] header = tar.ToArray();
        const int AccessTime = 345;
        header[AccessTime] = 0xff;
        header.AsSpan(AccessTime + 1, 11).Clear();
        Tars.FixChecksum(header);

        var error = await Assert.ThrowsAsync<BundleRejectedException>(
            () => CodeBundle.ExtractAsync(new MemoryStream(Tars.Gzip(header)), _temp["dest"], null));

        Assert.StartsWith("Code bundle rejected: it is not a valid .tar.gz (", error.Message);
        Assert.IsType<OverflowException>(error.InnerException);
        Assert.False(Directory.Exists(_temp["dest"]));
    }

    [Fact]
    public async Task A_link_that_stays_inside_is_accepted()
    {
        var bytes = Tars.Craft(
            Tars.Directory("lib/"), Tars.File("lib/real.so", "so"), Tars.Link(TarEntryType.SymbolicLink, "lib/alias.so", "../lib/./real.so"));

        await CodeBundle.ExtractAsync(new MemoryStream(bytes), _temp["dest"], null);

        Assert.Equal("so", File.ReadAllText(_temp["dest/lib/alias.so"]));
        Assert.Equal("../lib/./real.so", new FileInfo(_temp["dest/lib/alias.so"]).LinkTarget);
    }
}
