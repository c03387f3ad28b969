using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace Flyte.Devbox.Services;

/// <summary>
/// The last line behind every service: an exception of the devbox's own code becomes INTERNAL naming it (never UNKNOWN
/// "Exception was thrown by handler."), and is logged; any error message is cut to <see cref="MaximumDetailLength"/>
/// characters, so that no answer carries a header block a client cannot read (docs/devbox-input.md).
/// </summary>
public sealed class ErrorBoundary(ILogger<ErrorBoundary> logger) : Interceptor
{
    public const int MaximumDetailLength = 1024;

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context).ConfigureAwait(false);
        }
        catch (Exception e) when (Replacement(e, context) is { } replacement)
        {
            throw replacement;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context).ConfigureAwait(false);
        }
        catch (Exception e) when (Replacement(e, context) is { } replacement)
        {
            throw replacement;
        }
    }

    /// <summary>What the client gets instead of <paramref name="error"/>; null to let it pass as it is.</summary>
    private RpcException? Replacement(Exception error, ServerCallContext context)
    {
        switch (error)
        {
            case RpcException rpc when rpc.Status.Detail.Length > MaximumDetailLength:
                return new RpcException(new Status(rpc.StatusCode, Bounded(rpc.Status.Detail)), rpc.Trailers);
            case RpcException:
                return null;
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                // The client went away or its deadline passed: Grpc.AspNetCore answers that itself.
                return null;
            default:
                logger.LogError(error, "{Method} failed", context.Method);
                return new RpcException(new Status(StatusCode.Internal,
                    Bounded($"the devbox failed on {context.Method}: {error.GetType().Name}: {error.Message}")));
        }
    }

    private static string Bounded(string detail) => detail.Length <= MaximumDetailLength ? detail : EchoedValue.Of(detail, MaximumDetailLength);
}
