using Flyte;
using Flyte.Storage;

namespace DevboxTests;

/// <summary>Tasks that take files and folders, read from wherever their URIs point (the devbox's storage on a remote run).</summary>
[TaskEnvironment("files")]
public static partial class Files
{
    /// <summary>The number of lines of a text file.</summary>
    [Task]
    public static async Task<int> CountLines(FlyteFile file, CancellationToken cancellationToken = default)
    {
        using var store = ObjectStores.For(file.Uri);
        using var reader = new StreamReader(await store.OpenReadAsync(file.Uri, cancellationToken));
        int lines = 0;
        while (await reader.ReadLineAsync(cancellationToken) is not null)
        {
            lines++;
        }
        return lines;
    }

    /// <summary>The paths of a folder's files relative to the folder, in ordinal order.</summary>
    [Task]
    public static async Task<List<string>> ListFiles(FlyteDirectory directory, CancellationToken cancellationToken = default)
    {
        string prefix = directory.Uri.TrimEnd('/') + "/";
        using var store = ObjectStores.For(directory.Uri);
        var paths = new List<string>();
        await foreach (string uri in store.ListAsync(prefix, cancellationToken))
        {
            paths.Add(Uri.UnescapeDataString(uri[prefix.Length..]));
        }
        return paths;
    }

    /// <summary>The URIs the task received, to see what a remote run sent in place of local paths.</summary>
    [Task]
    public static List<string> UrisOf(List<FlyteFile> files) => files.Select(file => file.Uri).ToList();
}
