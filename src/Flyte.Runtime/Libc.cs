using System.Runtime.InteropServices;

namespace Flyte.Runtime;

/// <summary>
/// The few C library calls a0 makes itself on Linux: its own lines to standard output and error, and its small local
/// files (inputs.pb, outputs.pb, error.pb). .NET's console and file stacks set up far more at their first use (encodings,
/// terminal handling, SafeFileHandle and its reflection caches) than these calls cost, and a0 pays that at every start.
/// </summary>
/// <remarks>
/// glibc is named by its file: for a bare "libc" the runtime tries a dozen other names first. Where there is no glibc
/// (Alpine's musl), <see cref="IsAvailable"/> is false and callers take .NET's way. The constants are Linux's, the same
/// on x64 and arm64.
/// </remarks>
internal static unsafe partial class Libc
{
    private const string Glibc = "libc.so.6";

    public const int ENOENT = 2;
    public const int EINTR = 4;
    public const int EEXIST = 17;
    public const int EISDIR = 21;

    public const int O_RDONLY = 0;
    public const int O_WRONLY = 1;
    public const int O_CREAT = 0x40;
    public const int O_EXCL = 0x80;
    public const int O_CLOEXEC = 0x80000;

    public const int SEEK_SET = 0;
    public const int SEEK_END = 2;

    // 0: not probed yet; 1: glibc loads; -1: it does not.
    private static int s_available;

    /// <summary>Whether glibc's calls below can be made (Linux with glibc).</summary>
    public static bool IsAvailable
    {
        get
        {
            if (s_available == 0)
            {
                s_available = OperatingSystem.IsLinux() && NativeLibrary.TryLoad(Glibc, out _) ? 1 : -1;
            }
            return s_available > 0;
        }
    }

    /// <summary>The error of the last call, for the message of an exception.</summary>
    public static string Describe(int errno) => Marshal.GetPInvokeErrorMessage(errno);

    [LibraryImport(Glibc, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags, int mode);

    [LibraryImport(Glibc, EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fileDescriptor, byte* buffer, nint count);

    [LibraryImport(Glibc, EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fileDescriptor, byte* buffer, nint count);

    [LibraryImport(Glibc, EntryPoint = "lseek", SetLastError = true)]
    public static partial long Seek(int fileDescriptor, long offset, int whence);

    [LibraryImport(Glibc, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fileDescriptor);

    [LibraryImport(Glibc, EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Rename(string from, string to);

    [LibraryImport(Glibc, EntryPoint = "unlink", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Unlink(string path);

    [LibraryImport(Glibc, EntryPoint = "mkdir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int MakeDirectory(string path, int mode);

    /// <summary>write(2) found by the bare library name, for Unix systems without glibc (musl, macOS).</summary>
    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static partial nint PortableWrite(int fileDescriptor, byte* buffer, nint count);
}
