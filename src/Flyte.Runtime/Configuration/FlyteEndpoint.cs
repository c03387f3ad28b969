namespace Flyte.Runtime.Configuration;

/// <summary>
/// The endpoint forms flyte-sdk accepts in <c>admin.endpoint</c> (<c>dns:///host:port</c>, <c>host:port</c>,
/// <c>http://host:port</c>, <c>https://host:port</c>), and the gRPC address each one means.
/// </summary>
internal static class FlyteEndpoint
{
    public const string Forms = "dns:///host:port, host:port, http://host:port or https://host:port";

    private const string DnsPrefix = "dns:///";

    /// <summary>Null when <paramref name="endpoint"/> is in an accepted form; otherwise what is wrong with it.</summary>
    public static string? Problem(string? endpoint)
    {
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return "it is empty";
        }
        var (_, hostAndPort) = Split(endpoint);
        if (hostAndPort is null)
        {
            return $"only {Forms} are accepted";
        }
        if (hostAndPort.Length == 0 || hostAndPort.EndsWith(':') || hostAndPort.Any(c => c is '/' or '?' or '#' or '@' || char.IsWhiteSpace(c))
            || !Uri.TryCreate("http://" + hostAndPort, UriKind.Absolute, out var parsed) || parsed.Host.Length == 0)
        {
            return $"'{hostAndPort}' is not a host with an optional port; use {Forms}";
        }
        return null;
    }

    /// <summary>
    /// The address to dial, <c>http://host:port</c> or <c>https://host:port</c>: plaintext when <paramref name="insecure"/> is set
    /// or the endpoint says <c>http://</c>, TLS otherwise.
    /// </summary>
    /// <exception cref="FlyteConfigException">The endpoint is not in an accepted form.</exception>
    public static string ToGrpcAddress(string endpoint, bool insecure)
    {
        if (Problem(endpoint) is { } problem)
        {
            throw new FlyteConfigException($"The Flyte endpoint '{endpoint}' is not valid: {problem}.");
        }
        var (scheme, hostAndPort) = Split(endpoint);
        var secure = !insecure && scheme != Uri.UriSchemeHttp;
        return $"{(secure ? Uri.UriSchemeHttps : Uri.UriSchemeHttp)}://{hostAndPort}";
    }

    /// <summary>The scheme written (http, https, or null for none and dns:///) and the host and port; a null host and port for an unknown form.</summary>
    private static (string? Scheme, string? HostAndPort) Split(string endpoint)
    {
        var trimmed = endpoint.Trim().TrimEnd('/');
        if (trimmed.StartsWith(DnsPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return (null, trimmed[DnsPrefix.Length..]);
        }
        foreach (var scheme in new[] { Uri.UriSchemeHttp, Uri.UriSchemeHttps })
        {
            if (trimmed.StartsWith(scheme + "://", StringComparison.OrdinalIgnoreCase))
            {
                return (scheme, trimmed[(scheme.Length + 3)..]);
            }
        }
        return trimmed.Contains("://", StringComparison.Ordinal) ? (null, null) : (null, trimmed);
    }
}
