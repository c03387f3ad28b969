using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Flyte.Bundles;

/// <summary>
/// Unpacks a bundle in two passes over the same bytes: the first reads only headers and refuses the whole bundle if any
/// entry is unsafe; the second writes into a staging folder that is moved into place once every entry is written.
/// </summary>
internal static class BundleExtractor
{
    public static async Task ExtractAsync(Stream bundle, string destinationDirectory, string? expectedMd5Hex, CancellationToken cancellationToken)
    {
        var destination = Path.TrimEndingDirectorySeparator(Path.GetFullPath(destinationDirectory));
        FileStream? buffer = null;
        try
        {
            var source = bundle;
            if (!bundle.CanSeek)
            {
                buffer = new FileStream(
                    Path.Combine(Path.GetTempPath(), $"flyte-bundle-{Guid.NewGuid():N}.tar.gz"),
                    FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
                    FileOptions.Asynchronous | FileOptions.DeleteOnClose);
                await bundle.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
                buffer.Position = 0;
                source = buffer;
            }

            var start = source.Position;
            if (expectedMd5Hex is not null)
            {
                var actual = Convert.ToHexString(await MD5.HashDataAsync(source, cancellationToken).ConfigureAwait(false));
                if (!string.Equals(actual, expectedMd5Hex, StringComparison.OrdinalIgnoreCase))
                {
                    throw new BundleRejectedException($"Code bundle rejected: its MD5 is {actual.ToLowerInvariant()}, expected {expectedMd5Hex}.");
                }
                source.Position = start;
            }

            var plan = await ReadPlanAsync(source, cancellationToken).ConfigureAwait(false);
            source.Position = start;
            await WriteAsync(source, plan, destination, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (buffer is not null)
            {
                await buffer.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<List<BundleEntry>> ReadPlanAsync(Stream source, CancellationToken cancellationToken)
    {
        var plan = new List<BundleEntry>();
        await ForEachEntryAsync(source, copyData: false, (entry, _) =>
        {
            if (ToBundleEntry(entry) is { } accepted)
            {
                plan.Add(accepted);
            }
            return Task.CompletedTask;
        }, cancellationToken).ConfigureAwait(false);

        if (BundleLayout.FindProblem(plan) is var (name, reason))
        {
            throw BundleRejectedException.ForEntry(name, reason);
        }
        return plan;
    }

    /// <summary>The entry as the bundle will hold it, null for entries with nothing to write, or a rejection.</summary>
    private static BundleEntry? ToBundleEntry(TarEntry entry)
    {
        var kind = entry.EntryType switch
        {
            TarEntryType.RegularFile or TarEntryType.V7RegularFile => BundleEntryKind.File,
            TarEntryType.Directory => BundleEntryKind.Directory,
            TarEntryType.SymbolicLink => BundleEntryKind.SymbolicLink,
            TarEntryType.GlobalExtendedAttributes => (BundleEntryKind?)null,
            TarEntryType.HardLink => throw BundleRejectedException.ForEntry(entry.Name, "hard links are not allowed"),
            _ => throw BundleRejectedException.ForEntry(entry.Name, $"entries of type {entry.EntryType} are not allowed"),
        };
        if (kind is null)
        {
            return null;
        }

        var path = BundlePath.Normalize(entry.Name, out var problem)
            ?? throw BundleRejectedException.ForEntry(entry.Name, problem!);
        if (path.Length == 0)
        {
            return kind == BundleEntryKind.Directory ? null : throw BundleRejectedException.ForEntry(entry.Name, "it names the destination itself");
        }

        var executable = (entry.Mode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
        return new BundleEntry(path, kind.Value, executable, LinkTarget: kind == BundleEntryKind.SymbolicLink ? entry.LinkName : null);
    }

    private static async Task WriteAsync(Stream source, List<BundleEntry> plan, string destination, CancellationToken cancellationToken)
    {
        var exists = Directory.Exists(destination);
        if (!exists && File.Exists(destination))
        {
            throw new IOException($"Cannot unpack the code bundle into '{destination}': a file has that name.");
        }

        // A new destination is staged beside it and renamed; an existing one (a0's "--dest .") is staged inside it.
        var parent = Path.GetDirectoryName(destination) ?? throw new IOException($"Cannot unpack a code bundle into '{destination}'.");
        var staging = exists
            ? Path.Combine(destination, $".flyte-bundle-{Guid.NewGuid():N}.partial")
            : Path.Combine(parent, $".{Path.GetFileName(destination)}-{Guid.NewGuid():N}.partial");
        Directory.CreateDirectory(staging);
        try
        {
            await WriteEntriesAsync(source, plan, staging, cancellationToken).ConfigureAwait(false);
            if (exists)
            {
                BundleStaging.MergeInto(staging, destination);
                Directory.Delete(staging, recursive: true);
            }
            else
            {
                Directory.Move(staging, destination);
            }
        }
        catch
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
            throw;
        }
    }

    private static async Task WriteEntriesAsync(Stream source, List<BundleEntry> plan, string staging, CancellationToken cancellationToken)
    {
        var index = 0;
        var links = new List<BundleEntry>();
        await ForEachEntryAsync(source, copyData: false, async (tarEntry, ct) =>
        {
            var entry = ToBundleEntry(tarEntry);
            if (entry is null)
            {
                return;
            }
            // The bytes were checked in the first pass; a stream that changed since is not trusted.
            if (index >= plan.Count || plan[index++] != entry)
            {
                throw BundleRejectedException.ForEntry(tarEntry.Name, "the bundle changed while it was being unpacked");
            }

            var path = Path.Combine(staging, entry.Path);
            switch (entry.Kind)
            {
                case BundleEntryKind.Directory:
                    Directory.CreateDirectory(path);
                    break;
                case BundleEntryKind.SymbolicLink:
                    // Created last, so that no file is ever written through one.
                    links.Add(entry);
                    break;
                default:
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    await WriteFileAsync(tarEntry, path, entry.Executable, ct).ConfigureAwait(false);
                    break;
            }
        }, cancellationToken).ConfigureAwait(false);

        foreach (var link in links)
        {
            var path = Path.Combine(staging, link.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.CreateSymbolicLink(path, link.LinkTarget!);
        }
    }

    private static async Task WriteFileAsync(TarEntry entry, string path, bool executable, CancellationToken cancellationToken)
    {
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
        await using (file.ConfigureAwait(false))
        {
            if (entry.DataStream is { } data)
            {
                await data.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
            }
        }
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, executable ? BundleWriter.ExecutableMode : BundleWriter.RegularFileMode);
        }
    }

    private static async Task ForEachEntryAsync(Stream source, bool copyData, Func<TarEntry, CancellationToken, Task> action, CancellationToken cancellationToken)
    {
        var gzip = new GZipStream(source, CompressionMode.Decompress, leaveOpen: true);
        await using (gzip.ConfigureAwait(false))
        {
            var reader = new TarReader(gzip, leaveOpen: true);
            await using (reader.ConfigureAwait(false))
            {
                try
                {
                    while (await reader.GetNextEntryAsync(copyData, cancellationToken).ConfigureAwait(false) is { } entry)
                    {
                        await action(entry, cancellationToken).ConfigureAwait(false);
                    }
                }
                // TarReader also throws OverflowException for a base-256 number too large for its field (found by fuzzing).
                catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException or OverflowException)
                {
                    throw new BundleRejectedException($"Code bundle rejected: it is not a valid .tar.gz ({e.Message}).", innerException: e);
                }
            }
        }
    }
}
