using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Flyte.Remote.Auth;

/// <summary>
/// A server-streaming call that starts on the first read (getting the token may take a round trip) and is made once
/// more with a fresh token when it is refused UNAUTHENTICATED before its first message.
/// </summary>
internal sealed class ReauthenticatingStream<TRequest, TResponse>(
    AuthInterceptor auth, TRequest request, ClientInterceptorContext<TRequest, TResponse> context,
    Interceptor.AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation) : IAsyncStreamReader<TResponse>
    where TRequest : class
    where TResponse : class
{
    private readonly CurrentCall<AsyncServerStreamingCall<TResponse>> _calls = new();
    private readonly TaskCompletionSource<AsyncServerStreamingCall<TResponse>> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CachedToken? _token;
    private bool _received;
    private bool _retried;

    public TResponse Current => _calls.Value is { } call ? call.ResponseStream.Current : throw new InvalidOperationException("MoveNext has not been called");

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        var call = _calls.Value ?? await StartAsync(retry: false, null, cancellationToken).ConfigureAwait(false);
        try
        {
            bool moved = await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false);
            _received |= moved;
            return moved;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unauthenticated && !_received && !_retried)
        {
            call = await StartAsync(retry: true, e, cancellationToken).ConfigureAwait(false);
            bool moved = await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false);
            _received |= moved;
            return moved;
        }
    }

    /// <summary>The headers of the attempt under way once the call has started (after a retry, the retry's).</summary>
    public async Task<Metadata> HeadersAsync()
    {
        var first = await _started.Task.ConfigureAwait(false);
        return await (_calls.Value ?? first).ResponseHeadersAsync.ConfigureAwait(false);
    }

    public Status GetStatus() => _calls.Value?.GetStatus() ?? Status.DefaultCancelled;

    public Metadata GetTrailers() => _calls.Value?.GetTrailers() ?? [];

    public void Dispose()
    {
        _calls.Dispose();
        _started.TrySetCanceled();
    }

    private async Task<AsyncServerStreamingCall<TResponse>> StartAsync(bool retry, RpcException? refusal, CancellationToken cancellationToken)
    {
        try
        {
            if (retry)
            {
                _retried = true;
                _token = await auth.RenewAsync(_token, refusal!, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                _token = await auth.TokenAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            _started.TrySetException(e);
            throw;
        }
        var call = _calls.Replace(continuation(request, AuthInterceptor.WithToken(context, _token)));
        _started.TrySetResult(call);
        return call;
    }
}
