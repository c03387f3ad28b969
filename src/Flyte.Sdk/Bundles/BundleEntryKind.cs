namespace Flyte.Bundles;

internal enum BundleEntryKind
{
    Directory,
    File,
    SymbolicLink,
}
