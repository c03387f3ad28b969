using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Flyte.Devbox.Connect;

/// <summary>The status and trailers a Connect call that threw answers with.</summary>
internal sealed record ConnectFailure(Status Status, Metadata Trailers)
{
    /// <summary>
    /// Once the deadline has passed the answer is deadline_exceeded, whatever the service threw (as on gRPC); an
    /// RpcException is its status; anything else got past the interceptors and is unknown, logged, as Grpc.AspNetCore
    /// answers it. The trailers are the call's, then the exception's, merged as Grpc.AspNetCore merges them. (A call
    /// whose client went away is answered to nobody: the handlers do not ask.)
    /// </summary>
    public static ConnectFailure Of(Exception error, ConnectCallLifetime? lifetime, ConnectServerCallContext? context, ILogger logger, string method)
    {
        var trailers = new Metadata();
        foreach (var entry in context?.ResponseTrailers ?? [])
        {
            trailers.Add(entry);
        }
        if (lifetime?.DeadlinePassed == true)
        {
            return new ConnectFailure(lifetime.DeadlineExceeded, trailers);
        }
        switch (error)
        {
            case RpcException rpc:
                foreach (var entry in rpc.Trailers)
                {
                    trailers.Add(entry);
                }
                return new ConnectFailure(rpc.Status, trailers);
            default:
                logger.LogError(error, "Connect call {Method} failed", method);
                return new ConnectFailure(new Status(StatusCode.Unknown, "Exception was thrown by handler."), trailers);
        }
    }
}
