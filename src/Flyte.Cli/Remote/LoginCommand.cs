using System.CommandLine;
using System.Globalization;

namespace Flyte.Cli.Remote;

/// <summary>
/// <c>flyte login</c>: signs in to the configured control plane with its auth type now (PKCE opens a browser, the
/// device flow shows a code) and caches the token for the commands that follow.
/// </summary>
internal sealed class LoginCommand
{
    private readonly ControlPlaneOptions _controlPlane = new();

    private readonly CliEnvironment _environment;

    public LoginCommand(CliEnvironment environment)
    {
        _environment = environment;
        Command = new Command("login", "Sign in to the control plane now and cache the token (~/.flyte/tokens), with the config's admin.authType.");
        _controlPlane.AddTo(Command);
    }

    public Command Command { get; }

    public Task<int> InvokeAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken) => RemoteFailures.AsUsageErrorsAsync(async () =>
    {
        var options = ControlPlane.Resolve(_controlPlane.Read(parse), _environment);
        using var remote = ControlPlane.Connect(options);
        var expires = await remote.SignInAsync(cancellationToken).ConfigureAwait(false);
        string until = expires is { } at ? $"; the token is valid until {at.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)} and is renewed as needed" : "";
        await console.Out.WriteLineAsync($"signed in to {options.Endpoint} ({options.Authentication.Type ?? Flyte.Remote.Auth.AuthType.Pkce}){until}").ConfigureAwait(false);
        return ExitCodes.Success;
    }, cancellationToken);
}
