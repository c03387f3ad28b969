using System.CommandLine;
using System.Globalization;
using Flyteidl2.Secret;

namespace Flyte.Cli.Remote;

/// <summary><c>flyte get secrets [NAME] [--project P] [--domain D]</c>: the secrets of one scope, or one secret; never a value.</summary>
internal sealed class GetSecretsCommand
{
    private readonly ControlPlaneOptions _controlPlane = new();
    private readonly CliEnvironment _environment;

    public GetSecretsCommand(CliEnvironment environment)
    {
        _environment = environment;
        Command = new Command("secrets", "List the secrets of the org (or of --domain, or of --project and --domain), or show one; values are never shown.") { Name };
        _controlPlane.AddTo(Command);
    }

    public Command Command { get; }

    public Argument<string?> Name { get; } = new("name") { Description = "One secret's name.", Arity = ArgumentArity.ZeroOrOne };

    public Task<int> InvokeAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken) => RemoteFailures.AsUsageErrorsAsync(async () =>
    {
        var given = _controlPlane.Read(parse);
        var options = ControlPlane.Resolve(given, _environment);
        using var remote = ControlPlane.Connect(options);
        var scope = SecretScope.Of(given, parse.GetValue(Name) ?? "", options.Org);
        var secrets = new List<Secret>();
        if (scope.Name.Length > 0)
        {
            var found = await remote.CallAsync(async () => await remote.Secrets.GetSecretAsync(new GetSecretRequest { Id = scope }, cancellationToken: cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
            secrets.Add(found.Secret);
        }
        else
        {
            string token = "";
            do
            {
                var page = await remote.CallAsync(async () => await remote.Secrets.ListSecretsAsync(new ListSecretsRequest
                {
                    Organization = scope.Organization, Project = scope.Project, Domain = scope.Domain, Token = token,
                }, cancellationToken: cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
                secrets.AddRange(page.Secrets);
                token = page.Token;
            }
            while (token.Length > 0);
        }
        TextTable.Write(console.Out, ["NAME", "SCOPE", "TYPE", "CREATED"], secrets.Select(secret => (IReadOnlyList<string>)
        [
            secret.Id.Name,
            SecretScope.Describe(secret.Id),
            secret.SecretMetadata?.Type == SecretType.ImagePullSecret ? "image-pull" : "generic",
            secret.SecretMetadata?.CreatedTime?.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "-",
        ]));
        return ExitCodes.Success;
    }, cancellationToken);
}
