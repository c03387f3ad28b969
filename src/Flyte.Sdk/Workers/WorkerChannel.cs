using System.Text;

namespace Flyte.Workers;

/// <summary>
/// Both ends of the worker protocol over one stream (a loopback TCP connection): <see cref="WorkerMessage"/>s as JSON
/// lines, each sent whole, from any thread.
/// </summary>
internal sealed class WorkerChannel(Stream stream) : IDisposable
{
    private readonly StreamReader _reader = new(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), detectEncodingFromByteOrderMarks: false);
    private readonly SemaphoreSlim _sending = new(1, 1);

    public void Send(WorkerMessage message)
    {
        byte[] line = message.ToJsonLine();
        _sending.Wait();
        try
        {
            stream.Write(line);
            stream.Flush();
        }
        finally
        {
            _sending.Release();
        }
    }

    public async Task SendAsync(WorkerMessage message, CancellationToken cancellationToken)
    {
        byte[] line = message.ToJsonLine();
        await _sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await stream.WriteAsync(line, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>The next message; null when the other end has closed the stream.</summary>
    public WorkerMessage? Receive() => _reader.ReadLine() is { } line ? WorkerMessage.Parse(line) : null;

    /// <inheritdoc cref="Receive"/>
    public async Task<WorkerMessage?> ReceiveAsync(CancellationToken cancellationToken) =>
        await _reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line ? WorkerMessage.Parse(line) : null;

    public void Dispose()
    {
        _reader.Dispose();
        stream.Dispose();
        _sending.Dispose();
    }
}
