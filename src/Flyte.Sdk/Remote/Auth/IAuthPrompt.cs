namespace Flyte.Remote.Auth;

/// <summary>Where a person is asked to sign in: a terminal by default, a test's stand-in for a browser in tests.</summary>
public interface IAuthPrompt
{
    /// <summary>PKCE: the person opens <paramref name="authorizeUrl"/> in a browser; the redirect comes back to the loopback listener.</summary>
    Task SignInAsync(Uri authorizeUrl, CancellationToken cancellationToken);

    /// <summary>Device flow: the person opens <paramref name="verificationUri"/> on any device and enters <paramref name="userCode"/>.</summary>
    Task ShowDeviceCodeAsync(Uri verificationUri, string userCode, CancellationToken cancellationToken);
}
