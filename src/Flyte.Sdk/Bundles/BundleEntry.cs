namespace Flyte.Bundles;

/// <summary>One entry of a bundle, on either side: what the source folder holds or what a tar stream declares.</summary>
/// <param name="Path">Relative, '/'-separated, no '.' or '..' segments, no trailing '/'.</param>
/// <param name="SourcePath">The file to read when packing; null when extracting and for directories and links.</param>
/// <param name="LinkTarget">The symbolic link's target, as stored; null for other kinds.</param>
internal sealed record BundleEntry(
    string Path,
    BundleEntryKind Kind,
    bool Executable = false,
    string? SourcePath = null,
    string? LinkTarget = null);
