using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace Flyte.Sdk.Tests.Bundles;

/// <summary>Reads bundles and crafts (possibly malicious) ones.</summary>
internal static class Tars
{
    public static List<TarEntry> Entries(byte[] bundle)
    {
        using var gzip = new GZipStream(new MemoryStream(bundle), CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        var entries = new List<TarEntry>();
        while (reader.GetNextEntry(copyData: true) is { } entry)
        {
            entries.Add(entry);
        }
        return entries;
    }

    public static byte[] Craft(params TarEntry[] entries)
    {
        var bytes = new MemoryStream();
        using (var gzip = new GZipStream(bytes, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new TarWriter(gzip, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                writer.WriteEntry(entry);
            }
        }
        return bytes.ToArray();
    }

    public static byte[] Gzip(byte[] tar)
    {
        var bytes = new MemoryStream();
        using (var gzip = new GZipStream(bytes, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(tar);
        }
        return bytes.ToArray();
    }

    /// <summary>A tar of one symbolic link whose target is empty, which TarWriter refuses to write.</summary>
    public static byte[] EmptyLinkTarget(string name)
    {
        var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Ustar, leaveOpen: true))
        {
            writer.WriteEntry(new UstarTarEntry(TarEntryType.SymbolicLink, name) { LinkName = "x" });
        }
        byte[] bytes = tar.ToArray();
        const int LinkName = 157;
        bytes.AsSpan(LinkName, 100).Clear();
        FixChecksum(bytes);
        return bytes;
    }

    /// <summary>Rewrites the checksum of the tar header at the start of <paramref name="tar"/> after its bytes were changed.</summary>
    public static void FixChecksum(byte[] tar)
    {
        const int Offset = 148, Length = 8;
        tar.AsSpan(Offset, Length).Fill((byte)' ');
        int sum = 0;
        for (int i = 0; i < 512; i++)
        {
            sum += tar[i];
        }
        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(tar, Offset);
    }

    public static TarEntry File(string name, string content = "x") =>
        new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) };

    public static TarEntry Directory(string name) => new PaxTarEntry(TarEntryType.Directory, name);

    public static TarEntry Link(TarEntryType type, string name, string target) => new PaxTarEntry(type, name) { LinkName = target };
}
