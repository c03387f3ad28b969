using System.Runtime.InteropServices;
using Flyte.Storage;

namespace Flyte.Runtime.Execution;

/// <summary>
/// a0's inputs.pb, outputs.pb and error.pb when they are local files (plain paths and <c>file://</c> URIs), read and
/// written with the C library's calls. Through .NET's file stack, reading one file of a few bytes and writing another
/// cost a0 about 4 ms of first-use set-up at every start (benchmarks/a0-startup). The contract is
/// <see cref="LocalObjectStore"/>'s: a missing file is an <see cref="ObjectNotFoundException"/>, any other failure an
/// <see cref="IOException"/> that names the path, and a write goes to a partial file beside the target (which listings
/// skip), moved over the target once complete, its folder created first.
/// </summary>
/// <remarks>Each method returns null or false, and does nothing, where it does not serve: then the object store does.</remarks>
internal static unsafe class LocalFiles
{
    private const int FirstReadSize = 16 * 1024;
    private const int NewFileMode = 0x1b6; // 0666, less the umask, as .NET creates files
    private const int NewDirectoryMode = 0x1ff; // 0777, less the umask, as .NET creates folders

    /// <summary>The whole content of <paramref name="uri"/>; null if it is not a local file this class reads.</summary>
    /// <exception cref="ObjectNotFoundException">There is no file there (or a folder).</exception>
    /// <exception cref="IOException">It could not be read.</exception>
    public static byte[]? TryReadAll(string uri)
    {
        if (PathOf(uri) is not { } path)
        {
            return null;
        }
        int descriptor = OpenRetrying(path, Libc.O_RDONLY | Libc.O_CLOEXEC, 0, out int errno);
        if (descriptor < 0)
        {
            throw errno == Libc.ENOENT ? new ObjectNotFoundException(uri) : Failure("read", path, errno);
        }
        try
        {
            return ReadToEnd(descriptor, uri, path);
        }
        finally
        {
            Libc.Close(descriptor);
        }
    }

    /// <summary>Writes <paramref name="content"/> to <paramref name="uri"/>; false if it is not a local file this class writes.</summary>
    /// <exception cref="IOException">It could not be written; no partial file is left behind.</exception>
    public static bool TryWrite(string uri, ReadOnlySpan<byte> content)
    {
        if (PathOf(uri) is not { } path)
        {
            return false;
        }
        string directory = Path.GetDirectoryName(path) is { Length: > 0 } parent ? parent : ".";
        // Unique among writers of the same file, in this container or another that shares the folder.
        string temporary = Path.Join(directory,
            "." + Path.GetFileName(path) + "." + Environment.ProcessId.ToString() + "-" + Random.Shared.Next().ToString("x") + LocalObjectStore.PartialSuffix);

        const int createFlags = Libc.O_WRONLY | Libc.O_CREAT | Libc.O_EXCL | Libc.O_CLOEXEC;
        int descriptor = OpenRetrying(temporary, createFlags, NewFileMode, out int errno);
        if (descriptor < 0 && errno == Libc.ENOENT)
        {
            CreateDirectories(directory);
            descriptor = OpenRetrying(temporary, createFlags, NewFileMode, out errno);
        }
        if (descriptor < 0)
        {
            throw Failure("write", path, errno);
        }
        try
        {
            WriteAll(descriptor, content, path);
            int closed = Libc.Close(descriptor);
            descriptor = -1;
            if (closed != 0)
            {
                throw Failure("write", path, Marshal.GetLastPInvokeError());
            }
            if (Libc.Rename(temporary, path) != 0)
            {
                throw Failure("write", path, Marshal.GetLastPInvokeError());
            }
            return true;
        }
        catch
        {
            if (descriptor >= 0)
            {
                Libc.Close(descriptor);
            }
            Libc.Unlink(temporary);
            throw;
        }
    }

    /// <summary>The local path of <paramref name="uri"/>, or null when this class does not serve it.</summary>
    private static string? PathOf(string uri)
    {
        if (!Libc.IsAvailable || string.IsNullOrEmpty(uri))
        {
            return null;
        }
        return ObjectStores.SchemeOf(uri) switch
        {
            null => uri,
            var scheme when scheme.Equals(ObjectStores.FileScheme, StringComparison.OrdinalIgnoreCase) => LocalObjectStore.ToPath(uri),
            _ => null,
        };
    }

    private static byte[] ReadToEnd(int descriptor, string uri, string path)
    {
        byte[] buffer = new byte[FirstReadSize];
        int length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (buffer.Length == Array.MaxLength)
                {
                    throw new IOException($"could not read {path}: it is larger than {Array.MaxLength} bytes");
                }
                Array.Resize(ref buffer, (int)Math.Min(2L * buffer.Length, Array.MaxLength));
            }
            nint read;
            fixed (byte* start = buffer)
            {
                read = Libc.Read(descriptor, start + length, buffer.Length - length);
            }
            if (read > 0)
            {
                length += (int)read;
            }
            else if (read == 0)
            {
                break;
            }
            else if (Marshal.GetLastPInvokeError() is var errno && errno != Libc.EINTR)
            {
                // A folder opens, but does not read: it is no object, as for the object store.
                throw errno == Libc.EISDIR ? new ObjectNotFoundException(uri) : Failure("read", path, errno);
            }
        }
        if (length == buffer.Length)
        {
            return buffer;
        }
        byte[] content = new byte[length];
        Buffer.BlockCopy(buffer, 0, content, 0, length);
        return content;
    }

    private static void WriteAll(int descriptor, ReadOnlySpan<byte> content, string path)
    {
        fixed (byte* start = content)
        {
            int offset = 0;
            while (offset < content.Length)
            {
                nint written = Libc.Write(descriptor, start + offset, content.Length - offset);
                if (written > 0)
                {
                    offset += (int)written;
                }
                else if (Marshal.GetLastPInvokeError() is var errno && errno != Libc.EINTR)
                {
                    throw Failure("write", path, errno);
                }
            }
        }
    }

    /// <summary>Creates <paramref name="directory"/> and any missing parents (as <c>mkdir -p</c>).</summary>
    private static void CreateDirectories(string directory)
    {
        if (Libc.MakeDirectory(directory, NewDirectoryMode) == 0)
        {
            return;
        }
        int errno = Marshal.GetLastPInvokeError();
        if (errno == Libc.ENOENT && Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(directory)) is { Length: > 0 } parent && parent != directory)
        {
            CreateDirectories(parent);
            if (Libc.MakeDirectory(directory, NewDirectoryMode) == 0)
            {
                return;
            }
            errno = Marshal.GetLastPInvokeError();
        }
        if (errno != Libc.EEXIST)
        {
            throw new IOException($"could not create the folder {directory}: {Libc.Describe(errno)}");
        }
    }

    private static int OpenRetrying(string path, int flags, int mode, out int errno)
    {
        while (true)
        {
            int descriptor = Libc.Open(path, flags, mode);
            errno = descriptor < 0 ? Marshal.GetLastPInvokeError() : 0;
            if (descriptor >= 0 || errno != Libc.EINTR)
            {
                return descriptor;
            }
        }
    }

    private static IOException Failure(string what, string path, int errno) => new($"could not {what} {path}: {Libc.Describe(errno)}");
}
