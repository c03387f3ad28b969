using Flyteidl2.Auth;
using Grpc.Core;

namespace Flyte.Remote.Auth;

/// <summary>Asks a control plane's AuthMetadataService (anonymous by contract) where and how to get a token.</summary>
internal static class AuthMetadataDiscovery
{
    public static async Task<AuthServerInfo> DiscoverAsync(CallInvoker anonymous, RemoteAuthentication settings, string endpoint, CancellationToken cancellationToken)
    {
        var client = new AuthMetadataService.AuthMetadataServiceClient(anonymous);
        GetOAuth2MetadataResponse metadata;
        GetPublicClientConfigResponse publicClient;
        try
        {
            metadata = await client.GetOAuth2MetadataAsync(new GetOAuth2MetadataRequest(), cancellationToken: cancellationToken).ConfigureAwait(false);
            publicClient = await client.GetPublicClientConfigAsync(new GetPublicClientConfigRequest(), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Unimplemented or StatusCode.NotFound)
        {
            throw new AuthenticationFailedException(
                $"the control plane at {endpoint} asks for a token but does not serve AuthMetadataService ({e.StatusCode}), so there is no identity provider to sign in with: check admin.endpoint", e);
        }
        if (metadata.TokenEndpoint.Length == 0)
        {
            throw new AuthenticationFailedException($"the control plane at {endpoint} announces no token endpoint (AuthMetadataService.GetOAuth2Metadata): its auth is not configured");
        }
        return new AuthServerInfo
        {
            TokenEndpoint = metadata.TokenEndpoint,
            AuthorizationEndpoint = metadata.AuthorizationEndpoint,
            DeviceAuthorizationEndpoint = metadata.DeviceAuthorizationEndpoint,
            ClientId = settings.ClientId ?? publicClient.ClientId,
            RedirectUri = publicClient.RedirectUri,
            Scopes = settings.Scopes.Count > 0 ? settings.Scopes : [.. publicClient.Scopes],
            Audience = settings.Audience ?? publicClient.Audience,
            HeaderKey = publicClient.AuthorizationMetadataKey is { Length: > 0 } key ? key : AuthServerInfo.DefaultHeaderKey,
        };
    }
}
