using System.CommandLine;
using Flyteidl2.Secret;

namespace Flyte.Cli.Remote;

/// <summary><c>flyte delete secret NAME [--project P] [--domain D]</c>.</summary>
internal sealed class DeleteSecretCommand
{
    private readonly ControlPlaneOptions _controlPlane = new();
    private readonly CliEnvironment _environment;

    public DeleteSecretCommand(CliEnvironment environment)
    {
        _environment = environment;
        Secret = new Command("secret", "Delete a secret from the control plane.") { Name };
        _controlPlane.AddTo(Secret);
        Command = new Command("delete", "Delete things from the control plane.") { Secret };
    }

    public Command Command { get; }

    public Command Secret { get; }

    public Argument<string> Name { get; } = new("name") { Description = "The secret's name." };

    public Task<int> InvokeAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken) => RemoteFailures.AsUsageErrorsAsync(async () =>
    {
        var given = _controlPlane.Read(parse);
        var options = ControlPlane.Resolve(given, _environment);
        using var remote = ControlPlane.Connect(options);
        var id = SecretScope.Of(given, parse.GetValue(Name)!, options.Org);
        await remote.CallAsync(async () => await remote.Secrets.DeleteSecretAsync(new DeleteSecretRequest { Id = id }, cancellationToken: cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        await console.Out.WriteLineAsync($"secret {id.Name} deleted from {SecretScope.Describe(id)}").ConfigureAwait(false);
        return ExitCodes.Success;
    }, cancellationToken);
}
