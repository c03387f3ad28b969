using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Flyte.Images;

/// <summary>
/// A remote build's context folder as the gzipped tarball flyte-sdk uploads (remote_builder.py
/// <c>_validate_configuration</c>): Python's <c>tarfile</c> in its default PAX format, each top-level entry added
/// recursively (children in sorted order) through <c>tar_strip_file_attributes</c> (mtime 1981-01-01 as a float, owner 0
/// with no names, no pax headers of its own), then compressed by <c>gzip.GzipFile(filename="context.tar.gz", mtime=0)</c>.
/// Written here byte for byte as those produce it: the float mtime makes tarfile put a pax header "mtime=347155200.0"
/// before every entry (and "path=" when a name is over 100 bytes or not ASCII), the archive ends with two zero blocks
/// padded to 10240 bytes, and the gzip header names "context.tar". Only the deflate stream may differ from Python's:
/// .NET compresses with zlib-ng, Python with zlib, both at level 9.
/// </summary>
public static class RemoteContextArchive
{
    private const int Block = 512;
    private const int Record = 20 * Block;

    /// <summary>1981-01-01T00:00:00Z, the time tar_strip_file_attributes gives every entry.</summary>
    private const long StrippedTime = 347155200;

    /// <summary>The name of the uploaded file, whose stem the gzip header carries.</summary>
    public const string FileName = "context.tar.gz";

    /// <summary>The uncompressed tar of <paramref name="directory"/>.</summary>
    public static void WriteTar(string directory, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (!destination.CanSeek || destination.Position != 0)
        {
            throw new ArgumentException("the destination must be an empty seekable stream (the archive is padded to a whole record)", nameof(destination));
        }
        // os.listdir at the top (its order is the file system's; sorted here), tarfile's own sorted() below.
        foreach (string entry in Children(directory))
        {
            Add(entry, Path.GetFileName(entry), destination);
        }
        destination.Write(new byte[2 * Block]);
        // tarfile pads the archive to a whole record of 20 blocks.
        long remainder = destination.Position % Record;
        if (remainder != 0)
        {
            destination.Write(new byte[Record - remainder]);
        }
    }

    /// <summary>The gzipped tar of <paramref name="directory"/>, as uploaded.</summary>
    public static void WriteTarGz(string directory, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        using var tar = new MemoryStream();
        WriteTar(directory, tar);
        byte[] data = tar.ToArray();
        destination.Write(GzipHeader());
        using (var deflate = new DeflateStream(destination, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            deflate.Write(data);
        }
        Span<byte> trailer = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(trailer, Crc32(data));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], unchecked((uint)data.Length));
        destination.Write(trailer);
    }

    /// <summary>
    /// Python's gzip header for GzipFile(filename="….tar.gz", mtime=0) at level 9: magic, deflate, FNAME, mtime 0,
    /// XFL 2 (best compression), OS 255 (unknown), then the file name without ".gz" and a NUL.
    /// </summary>
    public static byte[] GzipHeader()
    {
        var header = new List<byte> { 0x1f, 0x8b, 8, 0x08, 0, 0, 0, 0, 2, 255 };
        header.AddRange(Encoding.Latin1.GetBytes(Path.GetFileNameWithoutExtension(FileName)));
        header.Add(0);
        return [.. header];
    }

    private static IEnumerable<string> Children(string directory) =>
        Directory.EnumerateFileSystemEntries(directory).Order(StringComparer.Ordinal);

    private static void Add(string path, string name, Stream destination)
    {
        bool isDirectory = Directory.Exists(path);
        long size = isDirectory ? 0 : new FileInfo(path).Length;
        int mode = OperatingSystem.IsWindows() ? (isDirectory ? 0b111_101_101 : 0b110_100_100) : (int)File.GetUnixFileMode(path);
        // TarInfo.get_info ends a folder's name with "/".
        string entryName = isDirectory ? name + "/" : name;
        WritePaxHeader(entryName, destination);
        destination.Write(UstarHeader(entryName, mode, size, StrippedTime, isDirectory ? (byte)'5' : (byte)'0'));
        if (isDirectory)
        {
            foreach (string child in Children(path))
            {
                Add(child, name + "/" + Path.GetFileName(child), destination);
            }
            return;
        }
        using (var content = File.OpenRead(path))
        {
            content.CopyTo(destination);
        }
        Pad(size, destination);
    }

    /// <summary>The extended header tarfile writes before an entry: path (long or non-ASCII names), then mtime.</summary>
    private static void WritePaxHeader(string name, Stream destination)
    {
        var records = new StringBuilder();
        bool ascii = name.All(char.IsAscii);
        if (!ascii || name.Length > 100)
        {
            records.Append(PaxRecord("path", name));
        }
        records.Append(PaxRecord("mtime", StrippedTime.ToString(CultureInfo.InvariantCulture) + ".0"));
        byte[] payload = Encoding.UTF8.GetBytes(records.ToString());
        destination.Write(UstarHeader("././@PaxHeader", 0, payload.Length, 0, (byte)'x'));
        destination.Write(payload);
        Pad(payload.Length, destination);
    }

    /// <summary>"&lt;length&gt; keyword=value\n", where the length counts its own digits.</summary>
    private static string PaxRecord(string keyword, string value)
    {
        int body = Encoding.UTF8.GetByteCount(keyword) + Encoding.UTF8.GetByteCount(value) + 3;
        int length = body;
        int previous = 0;
        while (true)
        {
            length = body + previous.ToString(CultureInfo.InvariantCulture).Length;
            if (length == previous)
            {
                break;
            }
            previous = length;
        }
        return $"{length.ToString(CultureInfo.InvariantCulture)} {keyword}={value}\n";
    }

    /// <summary>tarfile's _create_header in USTAR form: octal numbers NUL-ended, no device numbers, checksum "%06o\0 ".</summary>
    private static byte[] UstarHeader(string name, int mode, long size, long mtime, byte type)
    {
        if (size >= 1L << 33)
        {
            throw new ImageBuildException($"{name} is too large for a build context ({size} bytes)");
        }
        byte[] header = new byte[Block];
        // stn: the name's bytes (ASCII with "?" for anything else, as tarfile's "replace"), cut to the field.
        byte[] nameBytes = Encoding.ASCII.GetBytes(name);
        Array.Copy(nameBytes, header, Math.Min(nameBytes.Length, 100));
        Octal(header, 100, 8, mode & 0xFFF);
        Octal(header, 108, 8, 0);
        Octal(header, 116, 8, 0);
        Octal(header, 124, 12, size);
        Octal(header, 136, 12, mtime);
        for (int i = 148; i < 156; i++)
        {
            header[i] = (byte)' ';
        }
        header[156] = type;
        Encoding.ASCII.GetBytes("ustar\u000000").CopyTo(header, 257);
        int checksum = header.Sum(b => b);
        Encoding.ASCII.GetBytes(Convert.ToString(checksum, 8).PadLeft(6, '0') + "\0").CopyTo(header, 148);
        return header;
    }

    private static void Octal(byte[] header, int offset, int digits, long value) =>
        Encoding.ASCII.GetBytes(Convert.ToString(value, 8).PadLeft(digits - 1, '0') + "\0").CopyTo(header, offset);

    private static void Pad(long size, Stream destination)
    {
        long remainder = size % Block;
        if (remainder != 0)
        {
            destination.Write(new byte[Block - remainder]);
        }
    }

    /// <summary>The CRC-32 (IEEE, reflected) gzip ends with.</summary>
    internal static uint Crc32(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
            }
        }
        return ~crc;
    }
}
