namespace Flyte.Remote.Auth;

/// <summary>How a client gets credentials for a Flyte cluster (<c>admin.authType</c>), with flyte-sdk's names.</summary>
public enum AuthType
{
    /// <summary>Authorization code flow with PKCE: opens a browser.</summary>
    Pkce,

    /// <summary>Device authorization flow, for hosts without a browser.</summary>
    DeviceFlow,

    /// <summary>A client id and secret exchanged for a token.</summary>
    ClientSecret,

    /// <summary><c>admin.command</c> prints the token.</summary>
    ExternalCommand,

    /// <summary>The caller supplies credentials on each call.</summary>
    Passthrough,
}
