using Flyte.Remote.Auth;

namespace Flyte.Devbox.Tests.RealClusters;

/// <summary>
/// Plays the person at the browser: signs in on the provider's own pages (PKCE) and follows the redirect back to the
/// client's loopback listener, or enters the device code, in the background as a browser would.
/// </summary>
internal sealed class BrowserStandIn(OidcProviderFixture oidc) : IAuthPrompt
{
    private readonly List<Task> _visits = [];

    public int SignIns { get; private set; }

    public int DeviceCodes { get; private set; }

    public Task SignInAsync(Uri authorizeUrl, CancellationToken cancellationToken)
    {
        SignIns++;
        _visits.Add(Task.Run(async () =>
        {
            var redirect = await oidc.SignInAsync(authorizeUrl, cancellationToken);
            using var browser = new HttpClient();
            using var page = await browser.GetAsync(redirect, cancellationToken);
            page.EnsureSuccessStatusCode();
        }, cancellationToken));
        return Task.CompletedTask;
    }

    public Task ShowDeviceCodeAsync(Uri verificationUri, string userCode, CancellationToken cancellationToken)
    {
        DeviceCodes++;
        _visits.Add(Task.Run(() => oidc.ApproveDeviceAsync(verificationUri.AbsoluteUri, userCode, cancellationToken), cancellationToken));
        return Task.CompletedTask;
    }

    /// <summary>Every visit finished without error (the sign-in page, the redirect's answer).</summary>
    public Task VisitsAsync() => Task.WhenAll(_visits);
}

/// <summary>A person who is never there: any sign-in fails the test.</summary>
internal sealed class NobodyAtTheBrowser : IAuthPrompt
{
    public Task SignInAsync(Uri authorizeUrl, CancellationToken cancellationToken) => throw new InvalidOperationException($"no sign-in was expected, but {authorizeUrl} was shown");

    public Task ShowDeviceCodeAsync(Uri verificationUri, string userCode, CancellationToken cancellationToken) => throw new InvalidOperationException("no device code was expected");
}
