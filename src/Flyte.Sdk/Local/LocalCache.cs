using Flyteidl2.Core;
using Google.Protobuf;

namespace Flyte.Local;

/// <summary>
/// Cached outputs on disk: one <c>outputs.pb</c> per task and cache key, under the cache folder.
/// Writes go to a temporary file first and are moved into place, so a reader never sees half a file.
/// </summary>
internal sealed class LocalCache
{
    public LocalCache(string directory) => Directory = directory;

    public string Directory { get; }

    public LiteralMap? TryGet(string taskName, string cacheKey)
    {
        string path = PathOf(taskName, cacheKey);
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            return LiteralMap.Parser.ParseFrom(File.ReadAllBytes(path));
        }
        catch (InvalidProtocolBufferException)
        {
            // A damaged entry is a miss; the next successful run replaces it.
            return null;
        }
    }

    public void Put(string taskName, string cacheKey, LiteralMap outputs)
    {
        string path = PathOf(taskName, cacheKey);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllBytes(temporary, outputs.ToByteArray());
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Removes every cached output, or only those of <paramref name="taskName"/>; returns how many entries went.</summary>
    public int Clear(string? taskName = null)
    {
        string folder = taskName is null ? Directory : Path.Combine(Directory, SafeName(taskName));
        if (!System.IO.Directory.Exists(folder))
        {
            return 0;
        }
        int count = System.IO.Directory.GetFiles(folder, "*.pb", SearchOption.AllDirectories).Length;
        System.IO.Directory.Delete(folder, recursive: true);
        return count;
    }

    private string PathOf(string taskName, string cacheKey) =>
        Path.Combine(Directory, SafeName(taskName), SafeName(cacheKey) + ".pb");

    /// <summary>Cache keys are base64: '/' and '+' cannot appear in file names.</summary>
    private static string SafeName(string name) => name.Replace('/', '_').Replace('+', '-').TrimEnd('=');
}
