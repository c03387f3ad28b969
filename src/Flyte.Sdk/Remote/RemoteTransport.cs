namespace Flyte.Remote;

/// <summary>How calls travel to the control plane (<c>admin.transport</c>).</summary>
public enum RemoteTransport
{
    /// <summary>gRPC over HTTP/2: what a Flyte 2 cluster serves and the devbox too.</summary>
    Grpc,

    /// <summary>gRPC-Web over HTTP/1.1, for an ingress, proxy or load balancer that does not pass HTTP/2.</summary>
    GrpcWeb,
}
