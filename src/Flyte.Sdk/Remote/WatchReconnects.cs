using System.Diagnostics;
using System.Net.Http;
using System.Net.Sockets;
using Grpc.Core;

namespace Flyte.Remote;

/// <summary>
/// The reconnect rule of every long watch, the SDK's and a0's (docs/watches.md): which failures mean the stream
/// dropped and is worth opening again, how long to wait before each try (capped exponential with jitter), and when to
/// give up (after <see cref="Patience"/> of failures with no message in between). One instance follows one watch.
/// </summary>
internal sealed class WatchReconnects(string watched, string endpoint, TimeSpan patience)
{
    /// <summary>Long enough to ride out a proxy or a control plane restarting; short enough that a gone endpoint fails.</summary>
    public static readonly TimeSpan DefaultPatience = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    private long? _failingSince;
    private Exception? _lastException;

    public TimeSpan Patience { get; } = patience;

    /// <summary>Failures in a row since the last message.</summary>
    public int Failures { get; private set; }

    /// <summary>Why the stream last stopped, as one line.</summary>
    public string LastError { get; private set; } = "";

    /// <summary>
    /// The stream's next message: true when there is one; false when the stream ended or dropped (then
    /// <see cref="WaitToReconnectAsync"/>). Any other failure is thrown as it came: it is the answer, not a hiccup.
    /// </summary>
    public async Task<bool> MoveNextAsync<TMessage>(IAsyncStreamReader<TMessage> stream, CancellationToken cancellationToken)
    {
        try
        {
            if (await stream.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                Failures = 0;
                _failingSince = null;
                return true;
            }
            Failed("the control plane ended the stream before the end", null);
            return false;
        }
        catch (RpcException e) when (IsDropped(e, cancellationToken))
        {
            Dropped(e);
            return false;
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // A channel that throws on cancellation (FlyteRemote's) reports a stream the server or a proxy cancelled
            // (RST_STREAM CANCEL, a server shutting down) so, though nobody here cancelled it.
            Failed("Cancelled: the stream was cancelled by the other end", e);
            return false;
        }
    }

    /// <summary>Waits before the next try; throws <see cref="WatchLostException"/> once the patience is spent.</summary>
    public async Task WaitToReconnectAsync(CancellationToken cancellationToken)
    {
        TimeSpan failingFor = Stopwatch.GetElapsedTime(_failingSince ?? Stopwatch.GetTimestamp());
        TimeSpan left = Patience - failingFor;
        if (left <= TimeSpan.Zero)
        {
            throw new WatchLostException(
                $"gave up on {watched} at {endpoint}: no answer for {failingFor.TotalSeconds:0}s over {Failures} tries; last error: {LastError}",
                _lastException);
        }
        var delay = Delay(Failures);
        await Task.Delay(delay < left ? delay : left, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Counts a failure that <see cref="IsDropped"/> judged worth another try (of a unary call, too).</summary>
    public void Dropped(RpcException e) => Failed($"{e.StatusCode}: {e.Status.Detail}", e);

    private void Failed(string error, Exception? exception)
    {
        Failures++;
        _failingSince ??= Stopwatch.GetTimestamp();
        LastError = error.ReplaceLineEndings(" ");
        _lastException = exception;
    }

    /// <summary>
    /// Whether a failed stream dropped (a restart, a proxy or load balancer cutting it, a reset connection) rather than
    /// the control plane answering no. Our own cancellation, NotFound and refusals are answers.
    /// </summary>
    public static bool IsDropped(RpcException e, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested && e.StatusCode switch
        {
            StatusCode.Unavailable or StatusCode.DeadlineExceeded => true,
            // The client reports a reset stream or a broken connection with these codes; the server's own Internal or
            // Unknown (a bug, a refusal) carries no transport failure and is not retried.
            StatusCode.Internal or StatusCode.Unknown or StatusCode.Cancelled => IsTransportFailure(e),
            _ => false,
        };

    private static bool IsTransportFailure(RpcException e)
    {
        for (Exception? inner = e.Status.DebugException; inner is not null; inner = inner.InnerException)
        {
            // An untrusted certificate is the settings' to fix; trying again would only hide it.
            if (inner is System.Security.Authentication.AuthenticationException)
            {
                return false;
            }
        }
        for (Exception? inner = e.Status.DebugException; inner is not null; inner = inner.InnerException)
        {
            if (inner is IOException or HttpRequestException or SocketException)
            {
                return true;
            }
        }
        string detail = e.Status.Detail;
        return detail.Contains("reset", StringComparison.OrdinalIgnoreCase) || detail.Contains("protocol error", StringComparison.OrdinalIgnoreCase)
            || detail.Contains("PROTOCOL_ERROR", StringComparison.Ordinal);
    }

    /// <summary>
    /// The wait before try <paramref name="failures"/>: 0.2 s doubling to at most 5 s, of which a random half is
    /// jitter, so that many clients cut at once do not come back at once.
    /// </summary>
    public static TimeSpan Delay(int failures)
    {
        double ceiling = Math.Min(MaxDelay.TotalMilliseconds, FirstDelay.TotalMilliseconds * Math.Pow(2, Math.Clamp(failures - 1, 0, 16)));
        return TimeSpan.FromMilliseconds(ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2);
    }
}
