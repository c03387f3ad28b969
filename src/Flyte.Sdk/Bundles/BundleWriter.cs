using System.Formats.Tar;
using System.IO.Compression;

namespace Flyte.Bundles;

/// <summary>Packs a folder as a deterministic .tar.gz: only paths, contents and the executable bit reach the bytes.</summary>
internal static class BundleWriter
{
    public static readonly DateTimeOffset FixedTime = DateTimeOffset.UnixEpoch;

    public const UnixFileMode RegularFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    public const UnixFileMode ExecutableMode = RegularFileMode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private const UnixFileMode LinkMode = ExecutableMode | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    private const int EndOfArchiveLength = 2 * 512;

    // Fixed so the bytes (and so the version) do not change with a default; zlib's level 6.
    private const CompressionLevel Level = CompressionLevel.Optimal;

    /// <returns>The lower-case hex MD5 of the bytes written.</returns>
    public static async Task<string> WriteAsync(string sourceDirectory, Stream destination, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(sourceDirectory);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"Cannot bundle '{sourceDirectory}': no such folder.");
        }

        var entries = BundleSource.Collect(root);
        if (BundleLayout.FindProblem(entries) is var (entry, reason))
        {
            throw new InvalidOperationException($"Cannot bundle '{sourceDirectory}': '{entry}' would be refused when unpacked: {reason}.");
        }

        var output = new BundleOutputStream(destination);
        await using (output.ConfigureAwait(false))
        {
            var gzip = new GZipStream(output, Level, leaveOpen: true);
            await using (gzip.ConfigureAwait(false))
            {
                // GNU rather than PAX: .NET names PAX extended headers after the process id, and ustar limits name length.
                var tar = new TarWriter(gzip, TarEntryFormat.Gnu, leaveOpen: true);
                await using (tar.ConfigureAwait(false))
                {
                    foreach (var bundleEntry in entries)
                    {
                        await WriteEntryAsync(tar, bundleEntry, cancellationToken).ConfigureAwait(false);
                    }
                }
                if (entries.Count == 0)
                {
                    // TarWriter writes no end-of-archive blocks when it wrote no entry, which leaves no valid tar.
                    await gzip.WriteAsync(new byte[EndOfArchiveLength], cancellationToken).ConfigureAwait(false);
                }
            }
            return output.Md5Hex();
        }
    }

    private static async Task WriteEntryAsync(TarWriter tar, BundleEntry entry, CancellationToken cancellationToken)
    {
        var (type, name, mode) = entry.Kind switch
        {
            BundleEntryKind.Directory => (TarEntryType.Directory, entry.Path + "/", ExecutableMode),
            BundleEntryKind.SymbolicLink => (TarEntryType.SymbolicLink, entry.Path, LinkMode),
            _ => (TarEntryType.RegularFile, entry.Path, entry.Executable ? ExecutableMode : RegularFileMode),
        };
        var tarEntry = new GnuTarEntry(type, name)
        {
            Mode = mode,
            ModificationTime = FixedTime,
            Uid = 0,
            Gid = 0,
            UserName = "",
            GroupName = "",
        };
        if (entry.Kind == BundleEntryKind.SymbolicLink)
        {
            tarEntry.LinkName = entry.LinkTarget!;
        }

        if (entry.Kind != BundleEntryKind.File)
        {
            await tar.WriteEntryAsync(tarEntry, cancellationToken).ConfigureAwait(false);
            return;
        }

        var data = new FileStream(entry.SourcePath!, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (data.ConfigureAwait(false))
        {
            tarEntry.DataStream = data;
            await tar.WriteEntryAsync(tarEntry, cancellationToken).ConfigureAwait(false);
        }
    }
}
