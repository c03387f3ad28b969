namespace Flyte.Bundles;

/// <summary>Moves an unpacked bundle's contents from its staging folder into an existing destination.</summary>
internal static class BundleStaging
{
    /// <summary>
    /// Bundle entries replace what has the same name; real directories on both sides are merged. A link already in the
    /// destination is replaced, never followed, so nothing lands outside it.
    /// </summary>
    public static void MergeInto(string staging, string destination)
    {
        foreach (var incoming in new DirectoryInfo(staging).EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0 }))
        {
            var target = Path.Combine(destination, incoming.Name);
            var existing = Existing(target);
            var incomingIsRealDirectory = incoming is DirectoryInfo && incoming.LinkTarget is null;
            if (incomingIsRealDirectory && existing is DirectoryInfo { LinkTarget: null })
            {
                MergeInto(incoming.FullName, target);
                continue;
            }

            switch (existing)
            {
                case DirectoryInfo { LinkTarget: null } directory:
                    directory.Delete(recursive: true);
                    break;
                case not null:
                    existing.Delete();
                    break;
            }
            if (incoming is DirectoryInfo)
            {
                Directory.Move(incoming.FullName, target);
            }
            else
            {
                File.Move(incoming.FullName, target);
            }
        }
    }

    private static FileSystemInfo? Existing(string path)
    {
        var file = new FileInfo(path);
        if (file.LinkTarget is not null || file.Exists)
        {
            return file;
        }
        var directory = new DirectoryInfo(path);
        return directory.Exists ? directory : null;
    }
}
