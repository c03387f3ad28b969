using System.Text;
using Flyte.Workers;

namespace Flyte.Runtime.Worker;

/// <summary>
/// An attempt's log inside a worker: every line written to it goes to the devbox as a <see cref="WorkerMessage.Log"/>
/// message, which the devbox appends to the attempt's log file. Lines from several threads of one task stay whole.
/// </summary>
internal sealed class ActionLogWriter(WorkerChannel channel, string attemptId) : TextWriter
{
    private readonly StringBuilder _line = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_line)
        {
            Append(value);
        }
    }

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(ReadOnlySpan<char> buffer)
    {
        lock (_line)
        {
            foreach (char c in buffer)
            {
                Append(c);
            }
        }
    }

    public override void WriteLine(string? value) => Write(string.Concat(value, NewLine));

    /// <summary>Sends what is left of an unfinished line.</summary>
    public override void Flush()
    {
        lock (_line)
        {
            if (_line.Length > 0)
            {
                SendLine();
            }
        }
    }

    private void Append(char c)
    {
        if (c == '\n')
        {
            SendLine();
        }
        else if (c != '\r')
        {
            _line.Append(c);
        }
    }

    private void SendLine()
    {
        string line = _line.ToString();
        _line.Clear();
        try
        {
            channel.Send(new WorkerMessage(WorkerMessage.Log) { Id = attemptId, Line = line });
        }
        catch (IOException)
        {
            // The devbox went away; the worker is about to stop, and a log line must not fail the task.
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
