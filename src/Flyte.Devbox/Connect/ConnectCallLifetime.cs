using Grpc.Core;

namespace Flyte.Devbox.Connect;

/// <summary>
/// When a Connect call ends early: its client goes away, or its deadline (<c>Connect-Timeout-Ms</c>) passes. Both cancel
/// <see cref="Token"/>, the call's <see cref="ServerCallContext.CancellationToken"/>. Deadlines run on the system clock,
/// as gRPC's do in Grpc.AspNetCore, whatever clock the devbox's options give its services.
/// </summary>
internal sealed class ConnectCallLifetime : IDisposable
{
    private readonly CancellationTokenSource? _timer;
    private readonly CancellationTokenSource _call;
    private readonly CancellationTokenRegistration _passing;
    private readonly TaskCompletionSource _passed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConnectCallLifetime(TimeSpan? timeout, CancellationToken clientGone)
    {
        Timeout = timeout;
        if (timeout is { } span)
        {
            Deadline = DateTime.UtcNow + span;
            _timer = new CancellationTokenSource(span);
            _passing = _timer.Token.Register(() => _passed.TrySetResult());
            _call = CancellationTokenSource.CreateLinkedTokenSource(clientGone, _timer.Token);
        }
        else
        {
            Deadline = DateTime.MaxValue;
            _call = CancellationTokenSource.CreateLinkedTokenSource(clientGone);
        }
    }

    /// <summary>What the call's <c>Connect-Timeout-Ms</c> asked for; null without a deadline.</summary>
    public TimeSpan? Timeout { get; }

    /// <summary>The deadline in UTC; <see cref="DateTime.MaxValue"/> without one (as gRPC's ServerCallContext has it).</summary>
    public DateTime Deadline { get; }

    public CancellationToken Token => _call.Token;

    public bool DeadlinePassed => _timer?.IsCancellationRequested == true;

    /// <summary>The status of a call whose deadline passed before it ended.</summary>
    public Status DeadlineExceeded =>
        new(StatusCode.DeadlineExceeded, $"the call's deadline passed: it ran longer than its {ConnectTimeout.Header} of {Timeout?.TotalMilliseconds:0} ms");

    /// <summary>
    /// Waits until <paramref name="call"/> ends or the deadline passes; true when the deadline passed first. Then the
    /// client is answered at once, while the call, cancelled, ends in the background (not past the request: the
    /// handler awaits it with <see cref="AbandonedAsync"/> before it returns).
    /// </summary>
    public async Task<bool> DeadlinePassesFirstAsync(Task call)
    {
        if (_timer is null)
        {
            return false;
        }
        var first = await Task.WhenAny(call, _passed.Task).ConfigureAwait(false);
        return first != call && !call.IsCompleted;
    }

    /// <summary>Waits for the end of a call whatever it ends with: by then it has been answered, or there is nobody to answer.</summary>
    public static async Task AbandonedAsync(Task call)
    {
        try
        {
            await call.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Answered already (or cancelled with its client): the interceptors have logged what deserves it.
        }
    }

    public void Dispose()
    {
        _passing.Dispose();
        _call.Dispose();
        _timer?.Dispose();
    }
}
