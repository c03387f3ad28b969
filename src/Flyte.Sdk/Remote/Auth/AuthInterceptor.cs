using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Flyte.Remote.Auth;

/// <summary>
/// Puts the token in every call's metadata (under the key the control plane announces) and, when a call is answered
/// UNAUTHENTICATED before anything came back, gets a fresh token and makes the call once more, as flyte-sdk's auth
/// interceptors do. A second refusal, or a flow that cannot get a token, is the caller's UNAUTHENTICATED.
/// </summary>
internal sealed class AuthInterceptor(TokenProvider tokens) : Interceptor
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        var calls = new CurrentCall<AsyncUnaryCall<TResponse>>();
        var response = UnaryAsync(request, context, continuation, calls);
        return new AsyncUnaryCall<TResponse>(
            response,
            HeadersAfterAsync(response, () => calls.Value?.ResponseHeadersAsync),
            () => calls.Value?.GetStatus() ?? Status.DefaultCancelled,
            () => calls.Value?.GetTrailers() ?? [],
            calls.Dispose);
    }

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, BlockingUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        var token = TokenNow(context.Options.CancellationToken);
        try
        {
            return continuation(request, WithToken(context, token));
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unauthenticated)
        {
            var renewed = Wait(RenewAsync(token, e, context.Options.CancellationToken));
            return continuation(request, WithToken(context, renewed));
        }
    }

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation)
    {
        var reader = new ReauthenticatingStream<TRequest, TResponse>(this, request, context, continuation);
        return new AsyncServerStreamingCall<TResponse>(reader, reader.HeadersAsync(), reader.GetStatus, reader.GetTrailers, reader.Dispose);
    }

    // Client-side streams cannot be replayed: they carry the token, without the retry.
    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(
        ClientInterceptorContext<TRequest, TResponse> context, AsyncClientStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(WithToken(context, TokenNow(context.Options.CancellationToken)));

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(
        ClientInterceptorContext<TRequest, TResponse> context, AsyncDuplexStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(WithToken(context, TokenNow(context.Options.CancellationToken)));

    internal async Task<CachedToken?> TokenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await tokens.GetAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException and not RpcException)
        {
            throw Refused(e);
        }
    }

    internal async Task<CachedToken> RenewAsync(CachedToken? used, RpcException refusal, CancellationToken cancellationToken)
    {
        try
        {
            return await tokens.RenewAfterRejectionAsync(used?.Token.AccessToken, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException and not RpcException)
        {
            throw Refused(e, refusal);
        }
    }

    internal static ClientInterceptorContext<TRequest, TResponse> WithToken<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context, CachedToken? token)
        where TRequest : class
        where TResponse : class
    {
        if (token is null)
        {
            return context;
        }
        string key = token.HeaderKey.ToLowerInvariant();
        var headers = new Metadata();
        foreach (var entry in context.Options.Headers ?? [])
        {
            if (entry.Key != key)
            {
                headers.Add(entry);
            }
        }
        headers.Add(key, $"Bearer {token.Token.AccessToken}");
        return new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, context.Options.WithHeaders(headers));
    }

    private async Task<TResponse> UnaryAsync<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation,
        CurrentCall<AsyncUnaryCall<TResponse>> calls)
        where TRequest : class
        where TResponse : class
    {
        var cancellationToken = context.Options.CancellationToken;
        var token = await TokenAsync(cancellationToken).ConfigureAwait(false);
        var call = calls.Replace(continuation(request, WithToken(context, token)));
        try
        {
            return await call.ResponseAsync.ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unauthenticated)
        {
            var renewed = await RenewAsync(token, e, cancellationToken).ConfigureAwait(false);
            var retry = calls.Replace(continuation(request, WithToken(context, renewed)));
            return await retry.ResponseAsync.ConfigureAwait(false);
        }
    }

    private static async Task<Metadata> HeadersAfterAsync(Task response, Func<Task<Metadata>?> headers)
    {
        try
        {
            await response.ConfigureAwait(false);
        }
        catch (RpcException)
        {
            // The headers of a failed call are still what the last attempt received.
        }
        return await (headers() ?? Task.FromResult(new Metadata())).ConfigureAwait(false);
    }

    private CachedToken? TokenNow(CancellationToken cancellationToken) => Wait(TokenAsync(cancellationToken));

    private static T Wait<T>(Task<T> task) => task.ConfigureAwait(false).GetAwaiter().GetResult();

    /// <summary>
    /// A flow that could not get a token (the provider refused, the person did not sign in) is the call's
    /// UNAUTHENTICATED; a provider that could not be reached is UNAVAILABLE, which is tried again like a dropped stream.
    /// </summary>
    private RpcException Refused(Exception e, RpcException? refusal = null)
    {
        if (e is IdentityProviderUnavailableException)
        {
            return new RpcException(new Status(StatusCode.Unavailable, e.Message, e));
        }
        string server = refusal?.Status.Detail is { Length: > 0 } detail ? $" after the control plane refused the call ({detail})" : "";
        return new RpcException(new Status(StatusCode.Unauthenticated, $"could not get a token with the {tokens.FlowType} flow{server}: {e.Message}", e));
    }
}
