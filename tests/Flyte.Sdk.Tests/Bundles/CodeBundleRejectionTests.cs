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
    public async Task A_link_that_stays_inside_is_accepted()
    {
        var bytes = Tars.Craft(
            Tars.Directory("lib/"), Tars.File("lib/real.so", "so"), Tars.Link(TarEntryType.SymbolicLink, "lib/alias.so", "../lib/./real.so"));

        await CodeBundle.ExtractAsync(new MemoryStream(bytes), _temp["dest"], null);

        Assert.Equal("so", File.ReadAllText(_temp["dest/lib/alias.so"]));
        Assert.Equal("../lib/./real.so", new FileInfo(_temp["dest/lib/alias.so"]).LinkTarget);
    }
}
