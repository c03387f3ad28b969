namespace Flyte.Remote.Auth;

/// <summary>A token as cached, with the metadata key it is sent in.</summary>
internal sealed record CachedToken(TokenSet Token, string HeaderKey);
