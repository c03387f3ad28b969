namespace Flyte.Runtime.Configuration;

/// <summary>
/// The <c>devbox</c> section (ours; flyte-sdk ignores it): defaults for <c>flyte devbox start</c>'s authentication,
/// listen address and the API key its tasks get. Every value may be unset; the command's options win over it.
/// </summary>
internal sealed record DevboxConfig
{
    /// <summary>The OpenID Connect issuer whose bearer tokens the devbox takes (<c>--auth</c>); null for no authentication.</summary>
    public string? Issuer { get; init; }

    public string? Audience { get; init; }

    public string? ClientId { get; init; }

    public string? RedirectUri { get; init; }

    public IReadOnlyList<string>? Scopes { get; init; }

    /// <summary>The address to listen on (<c>--address</c>).</summary>
    public string? Address { get; init; }

    /// <summary>Given to every task as <c>EAGER_API_KEY</c> (<c>--eager-api-key</c>).</summary>
    public string? EagerApiKey { get; init; }

    // The API key never shows in logs or assertion messages.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Issuer = {Issuer}, Audience = {Audience}, ClientId = {ClientId}, RedirectUri = {RedirectUri}, ")
            .Append($"Scopes = [{string.Join(", ", Scopes ?? [])}], Address = {Address}, EagerApiKey = {(EagerApiKey is null ? "none" : "***")}");
        return true;
    }

    internal static DevboxConfig From(ConfigValues values) => new()
    {
        Issuer = values.Text(DevboxConfigKeys.Issuer),
        Audience = values.Text(DevboxConfigKeys.Audience),
        ClientId = values.Text(DevboxConfigKeys.ClientId),
        RedirectUri = values.Text(DevboxConfigKeys.RedirectUri),
        Scopes = values.List(DevboxConfigKeys.Scopes),
        Address = values.Text(DevboxConfigKeys.Address),
        EagerApiKey = values.Text(DevboxConfigKeys.EagerApiKey),
    };
}
