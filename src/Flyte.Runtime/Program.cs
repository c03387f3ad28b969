using System.Globalization;
using System.Text;
using Flyte.Runtime;
using Microsoft.Win32.SafeHandles;

// Runs one Flyte action: see Execution/ActionRunner.cs. Child task calls become child actions
// through the control plane (Controller/ActionsController.cs).
return A0Command.Run(args, Environment.GetEnvironmentVariable, StandardStreamWriter.Open(1, () => Console.Out), StandardStreamWriter.Open(2, () => Console.Error));

/// <summary>
/// a0's own lines to standard output or error: UTF-8, each write straight to the file descriptor, as
/// <see cref="Console.Out"/> does. Not <see cref="Console.Out"/> itself, whose set-up (encoding lookup,
/// terminal and signal handling) costs an action's start-up more than all the rest a0 writes; a task
/// that uses the console still gets it, and both write through, so their lines keep their order. Like
/// the console, it drops what it cannot write: a closed pipe must not fail the action.
/// </summary>
file sealed class StandardStreamWriter : TextWriter
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    private readonly FileStream _stream;

    private StandardStreamWriter(FileStream stream) => _stream = stream;

    /// <summary>
    /// A writer straight to <paramref name="fileDescriptor"/> when that is a pipe (a container's logs), a terminal or
    /// /dev/null, else the <paramref name="console"/>'s. A FileStream writes a regular file at a position of its own:
    /// a0's lines would overwrite, and be overwritten by, whatever else writes to that file (its other stream after
    /// 2>&amp;1, the task's console, the shell), where the console moves the file's shared offset as they do.
    /// </summary>
    public static TextWriter Open(int fileDescriptor, Func<TextWriter> console)
    {
        try
        {
            var stream = new FileStream(new SafeFileHandle(fileDescriptor, ownsHandle: false), FileAccess.Write, bufferSize: 0);
            if (!stream.CanSeek || IsDevNull(fileDescriptor))
            {
                return new StandardStreamWriter(stream);
            }
            stream.Dispose();
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            // Not an open descriptor: the console knows how to write nothing.
        }
        return console();
    }

    private static bool IsDevNull(int fileDescriptor) =>
        OperatingSystem.IsLinux()
        && new FileInfo("/proc/self/fd/" + fileDescriptor.ToString(CultureInfo.InvariantCulture)).LinkTarget == "/dev/null";

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
        byte[] bytes = new byte[Utf8.GetByteCount(buffer)];
        Utf8.GetBytes(buffer, bytes);
        lock (_stream)
        {
            try
            {
                _stream.Write(bytes);
            }
            catch (IOException)
            {
                // The reader went away; the files under the output prefix carry the result anyway.
            }
        }
    }
}
