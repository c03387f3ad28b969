using Flyte.Remote.Auth;

namespace Flyte.Runtime.Configuration;

/// <summary>The <c>admin</c> section: how to reach and authenticate to the Flyte control plane.</summary>
internal sealed record AdminConfig
{
    /// <summary>
    /// The control plane, in any form flyte-sdk accepts: <c>dns:///host:port</c>, <c>host:port</c>, <c>http://host:port</c>
    /// or <c>https://host:port</c>; null when none is configured. <see cref="GrpcAddress"/> turns it into an address to dial.
    /// </summary>
    public string? Endpoint { get; init; }

    /// <summary>Plaintext (no TLS), as for a local devbox.</summary>
    public bool Insecure { get; init; }

    /// <summary>TLS without verifying the server's certificate.</summary>
    public bool InsecureSkipVerify { get; init; }

    /// <summary>A PEM file with the root certificate to verify the server with.</summary>
    public string? CaCertFilePath { get; init; }

    /// <summary>Null when not configured (flyte-sdk then uses <see cref="Remote.Auth.AuthType.Pkce"/>).</summary>
    public AuthType? AuthType { get; init; }

    public string? ClientId { get; init; }

    /// <summary>A file holding the client secret.</summary>
    public string? ClientSecretLocation { get; init; }

    /// <summary>An environment variable holding the client secret.</summary>
    public string? ClientSecretEnvVar { get; init; }

    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>The audience to ask tokens for, over the one the control plane announces.</summary>
    public string? Audience { get; init; }

    /// <summary>gRPC over HTTP/2 (the default) or gRPC-Web over HTTP/1.1 (<c>transport: grpc-web</c>), for ingresses that do not pass HTTP/2.</summary>
    public Remote.RemoteTransport Transport { get; init; } = Remote.RemoteTransport.Grpc;

    /// <summary>For <see cref="Remote.Auth.AuthType.ExternalCommand"/>: the program and arguments that print a token.</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    /// <summary>The program and arguments that print a token for a proxy in front of Flyte.</summary>
    public IReadOnlyList<string> ProxyCommand { get; init; } = [];

    /// <summary>An HTTP proxy for the authentication requests.</summary>
    public string? HttpProxyUrl { get; init; }

    /// <summary>The address to open a gRPC channel to, e.g. <c>http://127.0.0.1:8090</c> (see <see cref="FlyteEndpoint.ToGrpcAddress"/>).</summary>
    /// <exception cref="FlyteConfigException">No endpoint is configured, or it is not in an accepted form.</exception>
    public string GrpcAddress()
    {
        if (string.IsNullOrEmpty(Endpoint))
        {
            throw new FlyteConfigException(
                "No Flyte endpoint is configured: write a config with 'flyte create config --endpoint <host:port>', or set FLYTE_ADMIN_ENDPOINT.");
        }
        return FlyteEndpoint.ToGrpcAddress(Endpoint, Insecure);
    }

    /// <summary>The client's authentication settings: the flow named here, with the secret read from <c>clientSecretEnvVar</c> or <c>clientSecretLocation</c>.</summary>
    /// <exception cref="FlyteConfigException">The secret's variable is unset or its file cannot be read.</exception>
    public RemoteAuthentication Authentication(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new RemoteAuthentication
        {
            Type = AuthType,
            ClientId = ClientId,
            ClientSecret = ClientSecret(environment),
            Scopes = Scopes,
            Audience = Audience,
            Command = Command,
            HttpProxyUrl = HttpProxyUrl,
        };
    }

    private string? ClientSecret(Func<string, string?> environment)
    {
        if (ClientSecretEnvVar is { Length: > 0 } variable)
        {
            return environment(variable) is { Length: > 0 } secret
                ? secret.Trim()
                : throw new FlyteConfigException($"admin.clientSecretEnvVar names {variable}, which is not set: export it, or use admin.clientSecretLocation");
        }
        if (ClientSecretLocation is { Length: > 0 } file)
        {
            try
            {
                return File.ReadAllText(file).Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new FlyteConfigException($"admin.clientSecretLocation {file} cannot be read ({e.Message}): point it at the file holding the client secret", e);
            }
        }
        return null;
    }
}
