using Flyteidl2.Auth;
using Grpc.Core;

namespace Flyte.Devbox.Auth;

/// <summary>
/// flyteidl2.auth.AuthMetadataService, open to anyone: how to get a token for this devbox. As Flyte 2's own backend does
/// (flyteorg/flyte runs/service/auth_metadata_service.go), GetOAuth2Metadata forwards the identity provider's metadata and
/// GetPublicClientConfig answers the configured public client.
/// </summary>
internal sealed class AuthMetadataServiceImpl(DevboxAuthOptions options, GetOAuth2MetadataResponse metadata) : AuthMetadataService.AuthMetadataServiceBase
{
    public override Task<GetOAuth2MetadataResponse> GetOAuth2Metadata(GetOAuth2MetadataRequest request, ServerCallContext context) =>
        Task.FromResult(metadata.Clone());

    public override Task<GetPublicClientConfigResponse> GetPublicClientConfig(GetPublicClientConfigRequest request, ServerCallContext context) =>
        Task.FromResult(new GetPublicClientConfigResponse
        {
            ClientId = options.ClientId,
            RedirectUri = options.RedirectUri,
            Scopes = { options.Scopes },
            AuthorizationMetadataKey = options.AuthorizationMetadataKey,
            Audience = options.Audience,
        });
}
