using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Flyte.Devbox.Connect;

/// <summary>
/// The response of a server-streaming Connect call: HTTP 200, each message an envelope flushed as it is written, then
/// the end-of-stream envelope with the call's error (if any) and trailers. Writes take turns, and none is taken after
/// the end: the deadline may end the stream while the service still runs.
/// </summary>
internal sealed class ConnectResponseStream<TResponse>(HttpContext http, Func<TResponse, byte[]> serialize, CancellationToken callToken)
    : IServerStreamWriter<TResponse>, IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private bool _ended;

    public WriteOptions? WriteOptions { get; set; }

    public Task WriteAsync(TResponse message) => WriteAsync(message, CancellationToken.None);

    public async Task WriteAsync(TResponse message, CancellationToken cancellationToken)
    {
        byte[] frame = ConnectEnvelope.Frame(0, serialize(message));
        using var write = CancellationTokenSource.CreateLinkedTokenSource(callToken, cancellationToken);
        await _turn.WaitAsync(write.Token).ConfigureAwait(false);
        try
        {
            if (_ended)
            {
                // Ended by the deadline, which has cancelled the call: the service sees the cancellation it expects.
                callToken.ThrowIfCancellationRequested();
                throw new InvalidOperationException("The call has ended: no message can be written after it.");
            }
            await http.Response.Body.WriteAsync(frame, write.Token).ConfigureAwait(false);
            await http.Response.Body.FlushAsync(write.Token).ConfigureAwait(false);
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>Writes the end-of-stream envelope, once; a client gone by then is nobody to tell.</summary>
    /// <param name="error">The call's error; null for a call that succeeded.</param>
    public async Task EndAsync(Status? error, Metadata trailers)
    {
        await _turn.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (_ended)
            {
                return;
            }
            _ended = true;
            byte[] frame = ConnectEnvelope.Frame(ConnectEnvelope.EndStreamFlag, ConnectErrorJson.EndStream(error, trailers));
            await http.Response.Body.WriteAsync(frame, http.RequestAborted).ConfigureAwait(false);
            await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (http.RequestAborted.IsCancellationRequested && e is OperationCanceledException or IOException)
        {
        }
        finally
        {
            _turn.Release();
        }
    }

    public void Dispose() => _turn.Dispose();
}
