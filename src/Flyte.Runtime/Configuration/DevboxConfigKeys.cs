namespace Flyte.Runtime.Configuration;

/// <summary>The <c>devbox</c> section's keys (ours): what <c>flyte devbox start</c> reads when its options leave them out.</summary>
internal static class DevboxConfigKeys
{
    public static readonly ConfigKey Issuer = new("devbox", "issuer", ConfigValueKind.Text);
    public static readonly ConfigKey Audience = new("devbox", "audience", ConfigValueKind.Text);
    public static readonly ConfigKey ClientId = new("devbox", "clientId", ConfigValueKind.Text);
    public static readonly ConfigKey RedirectUri = new("devbox", "redirectUri", ConfigValueKind.Text);
    public static readonly ConfigKey Scopes = new("devbox", "scopes", ConfigValueKind.List);
    public static readonly ConfigKey Address = new("devbox", "address", ConfigValueKind.Text);
    public static readonly ConfigKey EagerApiKey = new("devbox", "eagerApiKey", ConfigValueKind.Text);

    public static IReadOnlyList<ConfigKey> All { get; } = [Issuer, Audience, ClientId, RedirectUri, Scopes, Address, EagerApiKey];
}
