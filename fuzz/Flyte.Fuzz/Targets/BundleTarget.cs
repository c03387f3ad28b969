using System.IO.Compression;
using Flyte.Bundles;

namespace Flyte.Fuzz.Targets;

/// <summary>
/// The code bundle extractor (<see cref="CodeBundle.ExtractAsync"/>), into a new folder and into one that exists (a0's
/// <c>--dest .</c>) holding a link that points out of it. It unpacks, or throws a <see cref="BundleRejectedException"/>
/// with one line and leaves the destination as it was. Either way nothing outside the destination changes, and no link
/// it leaves resolves outside it.
/// </summary>
/// <remarks>
/// The input is the tar, gzipped here: AFL's mutations of compressed bytes would almost never pass gzip's checksum,
/// and the extractor's own logic starts after decompression.
/// </remarks>
public static class BundleTarget
{
    public const string Name = "bundle";

    public static FuzzTarget Target { get; } = new(Name, "a tar archive (uncompressed; the target gzips it)",
        ["Flyte.Sdk.dll Flyte.Bundles"], Run);

    public static void Run(byte[] input)
    {
        byte[] bundle = Gzip(input);
        ExtractInto(bundle, destinationExists: false);
        ExtractInto(bundle, destinationExists: true);
    }

    private static void ExtractInto(byte[] bundle, bool destinationExists)
    {
        using var scratch = new Scratch();
        // scratch/outside must never change; scratch/work/dest is the destination.
        Directory.CreateDirectory(scratch.Combine("outside"));
        File.WriteAllText(scratch.Combine("outside", "sentinel"), "outside");
        string destination = scratch.Combine("work", "dest");
        Directory.CreateDirectory(scratch.Combine("work"));
        if (destinationExists)
        {
            Directory.CreateDirectory(Path.Combine(destination, "sub"));
            File.WriteAllText(Path.Combine(destination, "keep.txt"), "kept");
            File.CreateSymbolicLink(Path.Combine(destination, "escape"), "../../outside");
        }
        List<string> outsideBefore = FileTree.Snapshot(scratch.Path, skip: Path.Combine("work", "dest"));
        List<string>? destinationBefore = destinationExists ? FileTree.Snapshot(destination) : null;

        bool rejected = false;
        try
        {
            CodeBundle.ExtractAsync(new MemoryStream(bundle), destination).GetAwaiter().GetResult();
        }
        catch (BundleRejectedException e)
        {
            FuzzInput.RequireOneLine(e.Message, "the bundle's rejection");
            rejected = true;
        }

        string mode = destinationExists ? "into an existing folder" : "into a new folder";
        List<string> outsideAfter = FileTree.Snapshot(scratch.Path, skip: Path.Combine("work", "dest"));
        if (!outsideBefore.SequenceEqual(outsideAfter))
        {
            throw new ContractViolationException(
                $"extracting {mode} changed what lies outside the destination: {string.Join(", ", outsideAfter.Except(outsideBefore))}");
        }
        if (rejected)
        {
            bool unchanged = destinationExists ? destinationBefore!.SequenceEqual(FileTree.Snapshot(destination)) : !Path.Exists(destination);
            if (!unchanged)
            {
                throw new ContractViolationException($"a bundle rejected {mode} left the destination changed");
            }
            return;
        }
        RequireLinksInside(destination, mode, alreadyThere: destinationBefore ?? []);
    }

    // A link the destination held before and still holds is its owner's, not the bundle's.
    private static void RequireLinksInside(string destination, string mode, List<string> alreadyThere)
    {
        string root = LinkResolution.Resolve(destination) + "/";
        foreach (var entry in FileTree.Entries(destination))
        {
            if (entry.LinkTarget is null || alreadyThere.Contains($"{Path.GetRelativePath(destination, entry.FullName)} link {entry.LinkTarget}"))
            {
                continue;
            }
            string? resolved = LinkResolution.Resolve(entry.FullName);
            if (resolved is null || !(resolved + "/").StartsWith(root, StringComparison.Ordinal))
            {
                throw new ContractViolationException(
                    $"extracting {mode} left the link {Path.GetRelativePath(destination, entry.FullName)} -> {entry.LinkTarget}, which resolves outside the destination");
            }
        }
    }

    private static byte[] Gzip(byte[] tar)
    {
        var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(tar);
        }
        return compressed.ToArray();
    }
}
