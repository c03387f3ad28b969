namespace Flyte.Remote;

/// <summary>How a transport is written in a config file or on the command line: <c>grpc</c>, <c>grpc-web</c>.</summary>
internal static class RemoteTransportNames
{
    /// <summary>The transport named by <paramref name="text"/> (case, '-' and '_' aside), or null for none of them.</summary>
    public static RemoteTransport? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Trim().Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant() switch
        {
            "grpc" => RemoteTransport.Grpc,
            "grpcweb" => RemoteTransport.GrpcWeb,
            _ => null,
        };
    }
}
