using System.Formats.Tar;
using System.IO.Compression;

namespace Flyte.Images;

/// <summary>
/// A build context folder as a tar archive, the form a Docker engine (plain) and Kaniko (gzip-compressed) take it in.
/// The same folder gives the same bytes on any machine: entries in ordinal path order, a fixed modification time, owner
/// root, and only the permission bits of each file (so that an executable stays executable).
/// </summary>
public static class BuildContextArchive
{
    // Not the Unix epoch: some tools read a zero time as "unset".
    private static readonly DateTimeOffset FixedTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task WriteTarAsync(string directory, Stream destination, CancellationToken cancellationToken)
    {
        await using var writer = new TarWriter(destination, TarEntryFormat.Pax, leaveOpen: true);
        foreach (var (path, name, isDirectory) in Entries(directory))
        {
            var entry = new PaxTarEntry(isDirectory ? TarEntryType.Directory : TarEntryType.RegularFile, name)
            {
                ModificationTime = FixedTime,
                Mode = Permissions(path, isDirectory),
                Uid = 0,
                Gid = 0,
            };
            if (isDirectory)
            {
                await writer.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
                continue;
            }
            await using var content = File.OpenRead(path);
            entry.DataStream = content;
            await writer.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
        }
    }

    public static async Task WriteTarGzAsync(string directory, Stream destination, CancellationToken cancellationToken)
    {
        await using var gzip = new GZipStream(destination, CompressionLevel.Optimal, leaveOpen: true);
        await WriteTarAsync(directory, gzip, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every folder and file under <paramref name="directory"/>, with its name in the archive (<c>/</c>-separated, folders ending in <c>/</c>).</summary>
    private static IEnumerable<(string Path, string Name, bool IsDirectory)> Entries(string directory)
    {
        var entries = new List<(string Path, string Name, bool IsDirectory)>();
        foreach (string path in Directory.EnumerateFileSystemEntries(directory, "*", SearchOption.AllDirectories))
        {
            bool isDirectory = Directory.Exists(path);
            string name = Path.GetRelativePath(directory, path).Replace('\\', '/');
            entries.Add((path, isDirectory ? name + "/" : name, isDirectory));
        }
        return entries.OrderBy(entry => entry.Name, StringComparer.Ordinal);
    }

    private static UnixFileMode Permissions(string path, bool isDirectory)
    {
        const UnixFileMode Directory = (UnixFileMode)0b111_101_101; // 0755
        const UnixFileMode File = (UnixFileMode)0b110_100_100; // 0644
        const UnixFileMode Executable = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        if (isDirectory)
        {
            return Directory;
        }
        // Only "is it executable" is kept: a umask or a checkout's modes must not change the archive, nor the image.
        bool executable = !OperatingSystem.IsWindows() && (System.IO.File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0;
        return executable ? File | Executable : File;
    }
}
