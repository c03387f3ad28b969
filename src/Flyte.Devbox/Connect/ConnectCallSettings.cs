using Google.Protobuf.Reflection;
using Grpc.AspNetCore.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Flyte.Devbox.Connect;

/// <summary>What every Connect method's handler shares: the message codecs, the gRPC interceptors, the request size limit, a logger.</summary>
internal sealed record ConnectCallSettings(ConnectMessages Messages, ConnectInterceptors Interceptors, int MaxReceiveMessageSize, ILogger Logger)
{
    /// <param name="files">The files of the services served, for the JSON mapping's types.</param>
    public static ConnectCallSettings From(IServiceProvider services, IEnumerable<FileDescriptor> files)
    {
        var grpc = services.GetRequiredService<IOptions<GrpcServiceOptions>>().Value;
        return new ConnectCallSettings(
            new ConnectMessages(TypeRegistry.FromFiles(files.Distinct().ToArray())),
            ConnectInterceptors.From(services, grpc),
            // The same limit as the gRPC endpoints (Grpc.AspNetCore's default is 4 MB); none set means no limit but the array's.
            grpc.MaxReceiveMessageSize ?? Array.MaxLength,
            services.GetRequiredService<ILoggerFactory>().CreateLogger("Flyte.Devbox.Connect"));
    }
}
