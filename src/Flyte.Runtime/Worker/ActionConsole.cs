using System.Text;

namespace Flyte.Runtime.Worker;

/// <summary>
/// The console of a worker that runs several actions at once: what a task writes to <see cref="Console.Out"/> or
/// <see cref="Console.Error"/> goes to the log of the action on whose async flow it is written, and anything written
/// outside every action (a thread of the task's own that outlives it, say) to the worker's own log.
/// </summary>
internal static class ActionConsole
{
    private static readonly AsyncLocal<TextWriter?> Current = new();

    public static void Install(TextWriter workerOut, TextWriter workerError)
    {
        Console.SetOut(new Routing(workerOut));
        Console.SetError(new Routing(workerError));
    }

    /// <summary>Makes <paramref name="actionLog"/> the console of this thread's async flow until disposed.</summary>
    public static Scope Route(TextWriter actionLog)
    {
        var previous = Current.Value;
        Current.Value = actionLog;
        return new Scope(previous);
    }

    internal readonly struct Scope(TextWriter? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }

    private sealed class Routing(TextWriter outside) : TextWriter
    {
        private TextWriter Target => Current.Value ?? outside;

        public override Encoding Encoding => Target.Encoding;

        public override void Write(char value) => Target.Write(value);

        public override void Write(char[] buffer, int index, int count) => Target.Write(buffer, index, count);

        public override void Write(ReadOnlySpan<char> buffer) => Target.Write(buffer);

        public override void Write(string? value) => Target.Write(value);

        public override void WriteLine(string? value) => Target.WriteLine(value);

        public override void Flush() => Target.Flush();
    }
}
