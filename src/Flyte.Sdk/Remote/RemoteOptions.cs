using Flyte.Remote.Auth;

namespace Flyte.Remote;

/// <summary>Where a <see cref="FlyteRemote"/> connects, how (TLS, transport, credentials), and which project and domain it works in.</summary>
public sealed record RemoteOptions
{
    /// <summary>The control plane's address: <c>http://127.0.0.1:8090</c> for a devbox (plaintext), <c>https://host</c> for a cluster.</summary>
    public required string Endpoint { get; init; }

    /// <summary>The organization of the tasks and runs; empty for none (open-source Flyte).</summary>
    public string Org { get; init; } = "";
    /// <summary>The project tasks are deployed to and run in.</summary>
    public string Project { get; init; } = "flytesnacks";
    /// <summary>The domain tasks are deployed to and run in.</summary>
    public string Domain { get; init; } = "development";

    /// <summary>TLS without verifying the server's certificate (<c>admin.insecureSkipVerify</c>): for a test cluster only.</summary>
    public bool InsecureSkipVerify { get; init; }

    /// <summary>A PEM file with the certificate authority that signed the server's certificate (<c>admin.caCertFilePath</c>), for a private CA.</summary>
    public string? CaCertFilePath { get; init; }

    /// <summary>gRPC over HTTP/2 (the default), or gRPC-Web over HTTP/1.1 for ingresses and proxies that do not pass HTTP/2.</summary>
    public RemoteTransport Transport { get; init; } = RemoteTransport.Grpc;

    /// <summary>How to get credentials when the control plane asks for them (see docs/auth.md).</summary>
    public RemoteAuthentication Authentication { get; init; } = new();

    /// <summary>
    /// The image a deploy gives the tasks that name none when no image was pushed for the build (<c>image.default</c>,
    /// <c>flyte deploy --image</c>); null for the SDK's base image for its .NET version (<see cref="Images.TaskImages.SdkDefault"/>).
    /// </summary>
    public string? DefaultImage { get; init; }

    /// <summary>How long a watch keeps reconnecting without a message before it fails (tests shorten it).</summary>
    internal TimeSpan WatchPatience { get; init; } = WatchReconnects.DefaultPatience;
}
