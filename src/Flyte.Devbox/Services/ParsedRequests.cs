using Flyte.Devbox.Connect;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Flyte.Devbox.Services;

/// <summary>
/// Maps a generated gRPC service so that a request body that does not parse as the method's request message (garbage,
/// or nesting past the parser's depth limit) fails INVALID_ARGUMENT with a message naming the message type, as Flyte's
/// backend answers (connect-go: "unmarshal into …"). Grpc.AspNetCore parses the body before any interceptor runs and,
/// left alone, answers UNKNOWN "Exception was thrown by handler.".
/// </summary>
internal static class ParsedRequests
{
    /// <param name="descriptor">The service's descriptor (<c>TaskService.Descriptor</c>): it names each method's request message.</param>
    /// <param name="bindService">The generated <c>BindService(ServiceBinderBase, …Base)</c> of the service.</param>
    /// <remarks>
    /// One instance of <typeparamref name="TService"/> serves every call: the devbox's services keep no per-call state.
    /// With Connect added (<c>AddConnect</c>), the same instance serves the service's Connect calls too.
    /// </remarks>
    public static GrpcServiceEndpointConventionBuilder MapGrpcServiceParsingRequests<TService>(this IEndpointRouteBuilder endpoints,
        ServiceDescriptor descriptor, Action<ServiceBinderBase, TService> bindService)
        where TService : class =>
        endpoints.MapGrpcService(services =>
        {
            var implementation = ActivatorUtilities.CreateInstance<TService>(services);
            services.GetService<ConnectEndpoints>()?.Add(descriptor, connect => bindService(connect, implementation));
            var binder = new Binder(descriptor);
            bindService(binder, implementation);
            return binder.Definition.Build();
        });

    /// <summary>The answer to a request body that is not a <paramref name="requestType"/> (over gRPC, and over Connect in either codec).</summary>
    internal static RpcException Unparsable(MessageDescriptor requestType, Exception error) =>
        new(new Status(StatusCode.InvalidArgument, $"the request body could not be parsed as {requestType.FullName}: {error.Message}"));

    /// <summary>Adds each method to a service definition with a request deserializer that names what it failed to parse.</summary>
    private sealed class Binder(ServiceDescriptor descriptor) : ServiceBinderBase
    {
        public ServerServiceDefinition.Builder Definition { get; } = ServerServiceDefinition.CreateBuilder();

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
            Definition.AddMethod(Parsing(method), handler!);

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler) =>
            Definition.AddMethod(Parsing(method), handler!);

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) =>
            Definition.AddMethod(Parsing(method), handler!);

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler) =>
            Definition.AddMethod(Parsing(method), handler!);

        private Method<TRequest, TResponse> Parsing<TRequest, TResponse>(Method<TRequest, TResponse> method)
            where TRequest : class
            where TResponse : class
        {
            MessageDescriptor requestType = descriptor.FindMethodByName(method.Name).InputType;
            Func<DeserializationContext, TRequest> deserialize = method.RequestMarshaller.ContextualDeserializer;
            // Grpc.AspNetCore answers an RpcException thrown while reading the request with that exception's status.
            var requests = Marshallers.Create(method.RequestMarshaller.ContextualSerializer, context =>
            {
                try
                {
                    return deserialize(context);
                }
                catch (InvalidProtocolBufferException e)
                {
                    throw Unparsable(requestType, e);
                }
            });
            return new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, requests, method.ResponseMarshaller);
        }
    }
}
