using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Flyte.Tests.Shared;

/// <summary>
/// A lock that test assemblies running at the same time (from one <c>dotnet test</c>, or from two clones) respect: an
/// exclusive handle on a file in the temporary folder, released when disposed or when the process dies, so a crashed
/// test run never leaves it taken. Also excludes other holders in the same process.
/// </summary>
internal sealed class FileLock : IDisposable
{
    private readonly FileStream _handle;

    private FileLock(FileStream handle) => _handle = handle;

    /// <summary>The lock that every clone on this machine shares for <paramref name="name"/> (the Docker engine, the registry).</summary>
    public static string MachineWide(string name) => Path.Combine(Folder, name + ".lock");

    /// <summary>The lock for one folder of one clone (an npm tool's node_modules, a build's output): other clones' folders have their own.</summary>
    public static string ForFolder(string folder)
    {
        string fullPath = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
        string hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(fullPath)))[..16].ToLowerInvariant();
        return Path.Combine(Folder, $"{Path.GetFileName(fullPath)}-{hash}.lock");
    }

    private static string Folder
    {
        get
        {
            string folder = Path.Combine(Path.GetTempPath(), "flyte-dotnet-test-locks");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    /// <summary>Waits until <paramref name="lockPath"/> is free, at most <paramref name="bound"/>; the failure says what waited and for how long.</summary>
    /// <param name="what">What the lock guards, for the failure message.</param>
    public static async Task<FileLock> AcquireAsync(string lockPath, TimeSpan bound, string what)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive flock on Unix and a sharing violation on Windows, across processes and within one.
                return new FileLock(new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (waited.Elapsed < bound)
            {
                await Task.Delay(250);
            }
            catch (IOException e)
            {
                throw new TimeoutException($"waited {waited.Elapsed.TotalSeconds:F0} s (the bound) for {what} ({lockPath}), held by another test run all that time", e);
            }
        }
    }

    public void Dispose() => _handle.Dispose();
}
