using System.Runtime.InteropServices;
using System.Text;

namespace Flyte.Runtime;

/// <summary>
/// a0's own lines to standard output or error, UTF-8, each one a single write(2) on the file descriptor,
/// as <see cref="Console.Out"/> does on Unix. Not <see cref="Console.Out"/> itself, whose set-up
/// (encoding lookup, terminal and signal handling) costs an action's start-up more than all the rest
/// a0 writes; a task that uses the console still gets it, and both write through at the descriptor's
/// shared offset, so their lines keep their order whether the descriptor is a pipe (a container's
/// logs), a terminal or a file. Like the console, it drops what it cannot write: a closed pipe must
/// not fail the action. Elsewhere than Unix, the console's writer serves.
/// </summary>
internal sealed class StandardStreamWriter : TextWriter
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    private readonly int _fileDescriptor;

    private StandardStreamWriter(int fileDescriptor) => _fileDescriptor = fileDescriptor;

    public static TextWriter Open(int fileDescriptor, Func<TextWriter> console) =>
        OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() ? new StandardStreamWriter(fileDescriptor) : console();

    public override Encoding Encoding => Utf8;

    public override void Write(char value) => Write([value]);

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(string? value) => Write(value.AsSpan());

    // One write for the line and its end, so that lines from different threads do not interleave.
    public override void WriteLine(string? value) => Write(string.Concat(value, NewLine));

    public override void Write(ReadOnlySpan<char> buffer)
    {
        if (buffer.IsEmpty)
        {
            return;
        }
        byte[] encoded = new byte[Utf8.GetByteCount(buffer)];
        Utf8.GetBytes(buffer, encoded);
        ReadOnlySpan<byte> bytes = encoded;
        while (!bytes.IsEmpty)
        {
            nint written = WriteToDescriptor(_fileDescriptor, bytes);
            if (written > 0)
            {
                bytes = bytes[(int)written..];
            }
            else if (written == 0 || Marshal.GetLastPInvokeError() != Libc.EINTR)
            {
                // The reader went away (or there is none); the files under the output prefix carry the result anyway.
                return;
            }
        }
    }

    private static unsafe nint WriteToDescriptor(int fileDescriptor, ReadOnlySpan<byte> bytes)
    {
        fixed (byte* start = bytes)
        {
            return Libc.IsAvailable ? Libc.Write(fileDescriptor, start, bytes.Length) : Libc.PortableWrite(fileDescriptor, start, bytes.Length);
        }
    }
}
