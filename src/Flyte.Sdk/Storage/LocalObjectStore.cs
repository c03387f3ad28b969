using System.Runtime.CompilerServices;

namespace Flyte.Storage;

/// <summary>Objects as files of the local file system, addressed by <c>file://</c> URIs or plain paths.</summary>
public sealed class LocalObjectStore : IObjectStore
{
    // Written next to the target, then moved over it; listing skips them so a write in progress is invisible.
    private const string PartialSuffix = ".flyte-partial";

    /// <inheritdoc />
    public Task<Stream> OpenReadAsync(string uri, CancellationToken cancellationToken = default)
    {
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult(Open(uri));
        }
        catch (Exception e)
        {
            return Task.FromException<Stream>(e);
        }
    }

    /// <summary>The whole content of the object at <paramref name="uri"/>.</summary>
    public Task<byte[]> ReadAllBytesAsync(string uri, CancellationToken cancellationToken = default)
    {
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult(ReadAllBytes(uri));
        }
        catch (Exception e)
        {
            return Task.FromException<byte[]>(e);
        }
    }

    /// <inheritdoc />
    public Task WriteAsync(string uri, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        // Content already in memory (inputs.pb, outputs.pb, …) is written in place, by a plain method: on Linux an async
        // file write is this same blocking write on a thread-pool thread, and the hop (and, on a0's start-up path, an
        // async state machine to compile) costs more than the write.
        return content is MemoryStream memory ? WriteFromMemory(uri, memory, cancellationToken) : WriteFromStreamAsync(uri, content, cancellationToken);
    }

    private static Task WriteFromMemory(string uri, MemoryStream memory, CancellationToken cancellationToken)
    {
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            string path = TargetPath(uri, out string temporary);
            try
            {
                // Through the handle, not a FileStream, which a0 would load for this alone.
                using (var file = File.OpenHandle(temporary, FileMode.CreateNew, FileAccess.Write))
                {
                    ArraySegment<byte> bytes = memory.TryGetBuffer(out ArraySegment<byte> buffer) ? buffer : new ArraySegment<byte>(memory.ToArray());
                    int position = (int)memory.Position;
                    // A span made directly: the generic AsSpan extension would be compiled by the JIT at a0's every start.
                    RandomAccess.Write(file, new ReadOnlySpan<byte>(bytes.Array, bytes.Offset + position, bytes.Count - position), fileOffset: 0);
                }
                File.Move(temporary, path, overwrite: true);
            }
            catch
            {
                File.Delete(temporary);
                throw;
            }
            return Task.CompletedTask;
        }
        catch (Exception e)
        {
            return Task.FromException(e);
        }
    }

    private static async Task WriteFromStreamAsync(string uri, Stream content, CancellationToken cancellationToken)
    {
        string path = TargetPath(uri, out string temporary);
        try
        {
            var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            await using (file.ConfigureAwait(false))
            {
                await content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>The file for <paramref name="uri"/>, its folder created, and a new name beside it to write to first.</summary>
    private static string TargetPath(string uri, out string temporary)
    {
        var path = FullPath(uri);
        var directory = Path.GetDirectoryName(path) ?? throw new ArgumentException($"Not a file location: {uri}", nameof(uri));
        Directory.CreateDirectory(directory);
        temporary = PartialPathFor(path);
        return path;
    }

    /// <summary>
    /// The full local path of a <c>file://</c> URI or plain path: ".." is collapsed as text, not after following a link.
    /// </summary>
    internal static string FullPath(string uri) => Path.GetFullPath(ToPath(uri));

    /// <summary>A new name beside <paramref name="fullPath"/> to write it to first; listings skip such names.</summary>
    internal static string PartialPathFor(string fullPath) =>
        // A random name, not a Guid: formatting a Guid costs a0 a JIT compilation on its start-up path. Concatenated, not
        // interpolated: an interpolated string of five parts rents from ArrayPool, whose first use starts its event source.
        Path.Combine(Path.GetDirectoryName(fullPath)!, "." + Path.GetFileName(fullPath) + "." + Path.GetRandomFileName() + PartialSuffix);

    /// <inheritdoc />
    public Task<bool> ExistsAsync(string uri, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(File.Exists(ToPath(uri)));
    }

    /// <inheritdoc />
    public Task DeleteAsync(string uri, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // File.Delete ignores a missing file but throws for a missing directory.
        var path = ToPath(uri);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        var asFileUri = IsFileUri(prefix);
        var path = ToPath(prefix);
        var fullPrefix = Path.GetFullPath(path);
        // GetFullPath keeps a trailing separator on Unix but not everywhere; "dir/" must not match "dir2/x".
        if (EndsWithSeparator(path) && !EndsWithSeparator(fullPrefix))
        {
            fullPrefix += Path.DirectorySeparatorChar;
        }
        var root = EndsWithSeparator(fullPrefix) ? fullPrefix : Path.GetDirectoryName(fullPrefix);
        if (root is null || !Directory.Exists(root))
        {
            yield break;
        }

        // Results are the prefix as given plus the rest of the path, so each starts with the prefix, as on S3.
        var matches = Directory
            .EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true })
            .Where(file => file.StartsWith(fullPrefix, StringComparison.Ordinal) && !file.EndsWith(PartialSuffix, StringComparison.Ordinal))
            .Select(file => file[fullPrefix.Length..])
            .Select(rest => asFileUri ? prefix + EscapeRelativePath(rest) : prefix + rest)
            .Order(StringComparer.Ordinal);
        foreach (var match in matches)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return match;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    /// <summary>The local path of a <c>file://</c> URI or plain path.</summary>
    internal static string ToPath(string uri)
    {
        ArgumentException.ThrowIfNullOrEmpty(uri);
        if (!IsFileUri(uri))
        {
            if (ObjectStores.SchemeOf(uri) is { } scheme)
            {
                throw new ArgumentException($"{nameof(LocalObjectStore)} takes file:// URIs and plain paths, not '{scheme}://': {uri}", nameof(uri));
            }
            return uri;
        }
        return FileUriToPath(uri);
    }

    // Apart, so that a plain path (what a0 gets) never loads System.Uri.
    private static string FileUriToPath(string uri)
    {
        var parsed = new Uri(uri);
        if (!string.IsNullOrEmpty(parsed.Host) && !OperatingSystem.IsWindows())
        {
            throw new ArgumentException($"A file:// URI must name a local path (file:///path), not the host '{parsed.Host}': {uri}", nameof(uri));
        }
        return parsed.LocalPath;
    }

    private static byte[] ReadAllBytes(string uri)
    {
        var path = ToPath(uri);
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (IsNotFound(e, path))
        {
            throw new ObjectNotFoundException(uri, e);
        }
    }

    private static Stream Open(string uri)
    {
        var path = ToPath(uri);
        try
        {
            // Unbuffered: its readers (protobuf, gzip, CopyTo) read in chunks of their own, and a buffered
            // FileStream costs a0's start-up a set of types it uses for nothing else.
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, bufferSize: 0, useAsync: true);
        }
        catch (Exception e) when (IsNotFound(e, path))
        {
            throw new ObjectNotFoundException(uri, e);
        }
    }

    // A directory where the object would be is no object either (opening one is "access denied").
    private static bool IsNotFound(Exception e, string path) =>
        e is FileNotFoundException or DirectoryNotFoundException || (e is UnauthorizedAccessException && Directory.Exists(path));

    private static string EscapeRelativePath(string relative) =>
        string.Join('/', relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Select(Uri.EscapeDataString));

    private static bool IsFileUri(string uri) => uri.StartsWith("file://", StringComparison.OrdinalIgnoreCase);

    private static bool EndsWithSeparator(string path) =>
        path.EndsWith(Path.DirectorySeparatorChar) || path.EndsWith(Path.AltDirectorySeparatorChar);
}
