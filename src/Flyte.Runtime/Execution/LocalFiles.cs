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
    // For what is no regular file (a pipe): its size is unknown, so the buffer grows as it reads.
    private const int UnknownSizeFirstRead = 16 * 1024;
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
        string directory = Path.GetDirectoryName(path)!;
        string temporary = LocalObjectStore.PartialPathFor(path);

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
            // Linux releases the descriptor even when close is interrupted: the data was written.
            if (closed != 0 && Marshal.GetLastPInvokeError() is var closeError && closeError != Libc.EINTR)
            {
                throw Failure("write", path, closeError);
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

    /// <summary>The full local path of <paramref name="uri"/>, as the local store resolves it; null when this class does not serve it.</summary>
    private static string? PathOf(string uri) =>
        Libc.IsAvailable && !string.IsNullOrEmpty(uri) && ObjectStores.IsLocal(uri) ? LocalObjectStore.FullPath(uri) : null;

    private static byte[] ReadToEnd(int descriptor, string uri, string path)
    {
        // Sized once for a regular file, as File.ReadAllBytes does: a large inputs.pb is not copied while the buffer grows.
        // (A folder seeks to no size, and too large a file is refused below as it grows.)
        long size = Libc.Seek(descriptor, 0, Libc.SEEK_END);
        bool sized = size >= 0 && Libc.Seek(descriptor, 0, Libc.SEEK_SET) == 0 && size <= Array.MaxLength;
        byte[] buffer = new byte[sized ? (int)size : UnknownSizeFirstRead];
        int length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                // Full: done at the end of the file, else (a file that grew, a pipe) the buffer grows.
                byte probe;
                nint more = ReadRetrying(descriptor, &probe, 1, uri, path);
                if (more == 0)
                {
                    return buffer;
                }
                if (buffer.Length == Array.MaxLength)
                {
                    throw new IOException($"could not read {path}: it is larger than {Array.MaxLength} bytes");
                }
                Array.Resize(ref buffer, (int)Math.Min(Math.Max(2L * buffer.Length, UnknownSizeFirstRead), Array.MaxLength));
                buffer[length++] = probe;
                continue;
            }
            nint read;
            fixed (byte* start = buffer)
            {
                read = ReadRetrying(descriptor, start + length, buffer.Length - length, uri, path);
            }
            if (read == 0)
            {
                byte[] content = new byte[length];
                Buffer.BlockCopy(buffer, 0, content, 0, length);
                return content;
            }
            length += (int)read;
        }
    }

    /// <summary>read(2), again when interrupted; 0 at the end of the file.</summary>
    private static nint ReadRetrying(int descriptor, byte* buffer, nint count, string uri, string path)
    {
        while (true)
        {
            nint read = Libc.Read(descriptor, buffer, count);
            if (read >= 0)
            {
                return read;
            }
            int errno = Marshal.GetLastPInvokeError();
            if (errno != Libc.EINTR)
            {
                // A folder opens, but does not read: it is no object, as for the object store.
                throw errno == Libc.EISDIR ? new ObjectNotFoundException(uri) : Failure("read", path, errno);
            }
        }
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
