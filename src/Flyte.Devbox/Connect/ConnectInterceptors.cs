using Grpc.AspNetCore.Server;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.DependencyInjection;

namespace Flyte.Devbox.Connect;

/// <summary>
/// The interceptors registered for gRPC (<c>AddGrpc</c>'s options: the devbox's ErrorBoundary) around a Connect call's
/// service method, in the order Grpc.AspNetCore runs them: the first registered is the outermost. So a Connect call
/// fails with the code and message a gRPC call gets. Each is made once: the devbox's interceptors keep no per-call state.
/// </summary>
internal sealed class ConnectInterceptors(IReadOnlyList<Interceptor> interceptors)
{
    public static ConnectInterceptors From(IServiceProvider services, GrpcServiceOptions options) =>
        new(options.Interceptors
            .Select(registration => (Interceptor)ActivatorUtilities.CreateInstance(services, registration.Type, [.. registration.Arguments]))
            .ToList());

    public UnaryServerMethod<TRequest, TResponse> Wrap<TRequest, TResponse>(UnaryServerMethod<TRequest, TResponse> method)
        where TRequest : class
        where TResponse : class
    {
        for (int i = interceptors.Count - 1; i >= 0; i--)
        {
            var interceptor = interceptors[i];
            var inner = method;
            method = (request, context) => interceptor.UnaryServerHandler(request, context, inner);
        }
        return method;
    }

    public ServerStreamingServerMethod<TRequest, TResponse> Wrap<TRequest, TResponse>(ServerStreamingServerMethod<TRequest, TResponse> method)
        where TRequest : class
        where TResponse : class
    {
        for (int i = interceptors.Count - 1; i >= 0; i--)
        {
            var interceptor = interceptors[i];
            var inner = method;
            method = (request, stream, context) => interceptor.ServerStreamingServerHandler(request, stream, context, inner);
        }
        return method;
    }
}
