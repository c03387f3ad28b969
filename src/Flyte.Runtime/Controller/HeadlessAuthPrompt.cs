using Flyte.Remote.Auth;

namespace Flyte.Runtime.Controller;

/// <summary>In a pod nobody can open a browser or type a code: an interactive flow fails with what to give the pod instead.</summary>
internal sealed class HeadlessAuthPrompt : IAuthPrompt
{
    public static HeadlessAuthPrompt Instance { get; } = new();

    private const string Remedy =
        "a0 runs without a person to sign in: give the task an API key (the EAGER_API_KEY secret) or mount a config file (FLYTECTL_CONFIG) with authType ClientSecret or ExternalCommand";

    public Task SignInAsync(Uri authorizeUrl, CancellationToken cancellationToken) => throw new AuthenticationFailedException(Remedy);

    public Task ShowDeviceCodeAsync(Uri verificationUri, string userCode, CancellationToken cancellationToken) => throw new AuthenticationFailedException(Remedy);
}
