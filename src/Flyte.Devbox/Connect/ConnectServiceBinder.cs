using Grpc.Core;
using Microsoft.AspNetCore.Http;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Flyte.Devbox.Connect;

/// <summary>
/// Collects the methods of one service from its generated <c>BindService(ServiceBinderBase, implementation)</c>, the
/// call that also binds it for gRPC: each unary and server-streaming method, with its marshallers and the
/// implementation's handler, becomes a Connect handler. Client-streaming and bidirectional methods are not served
/// over Connect (none of the devbox's services has one): they answer unimplemented, pointing to gRPC.
/// </summary>
internal sealed class ConnectServiceBinder(ServiceDescriptor descriptor, ConnectCallSettings settings) : ServiceBinderBase
{
    /// <summary>Each method's name and what answers its Connect calls.</summary>
    public List<(string Name, RequestDelegate Handle)> Methods { get; } = [];

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Methods.Add((method.Name, new ConnectUnaryHandler<TRequest, TResponse>(method, handler, RequestType(method), settings).HandleAsync));
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Methods.Add((method.Name, new ConnectServerStreamingHandler<TRequest, TResponse>(method, handler, RequestType(method), settings).HandleAsync));
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler) =>
        Methods.Add((method.Name, NotOverConnect(method, "client-streaming")));

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler) =>
        Methods.Add((method.Name, NotOverConnect(method, "bidirectional streaming")));

    private Google.Protobuf.Reflection.MessageDescriptor RequestType(IMethod method) => descriptor.FindMethodByName(method.Name).InputType;

    private static RequestDelegate NotOverConnect(IMethod method, string kind) => http =>
        ConnectErrorResponse.WriteAsync(http, new Status(StatusCode.Unimplemented,
            $"{method.FullName} is a {kind} method, which the devbox serves over gRPC and not over Connect"));
}
