namespace Flyte.Remote;

/// <summary>Where a <see cref="FlyteRemote"/> connects and which project and domain it works in.</summary>
public sealed record RemoteOptions
{
    /// <summary>The control plane's gRPC address, e.g. <c>http://127.0.0.1:8090</c> for a devbox.</summary>
    public required string Endpoint { get; init; }

    public string Org { get; init; } = "";
    public string Project { get; init; } = "flytesnacks";
    public string Domain { get; init; } = "development";

    /// <summary>How long a watch keeps reconnecting without a message before it fails (tests shorten it).</summary>
    internal TimeSpan WatchPatience { get; init; } = WatchReconnects.DefaultPatience;
}
