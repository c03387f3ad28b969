using System.CommandLine;
using Flyteidl2.Secret;
using Google.Protobuf;

namespace Flyte.Cli.Remote;

/// <summary><c>flyte create secret NAME (--value V | --from-file F) [--type generic|image-pull] [--project P] [--domain D]</c>.</summary>
internal sealed class CreateSecretCommand
{
    private readonly ControlPlaneOptions _controlPlane = new();
    private readonly CliEnvironment _environment;

    public CreateSecretCommand(CliEnvironment environment)
    {
        _environment = environment;
        Command = new Command("secret", "Store a secret on the control plane, for tasks that declare it (Secrets = [\"name\"]). Its value is never shown again.")
        {
            Name, Value, FromFile, Type,
        };
        _controlPlane.AddTo(Command);
    }

    public Command Command { get; }

    public Argument<string> Name { get; } = new("name") { Description = "The secret's name: letters, digits, '-' and '_'." };

    public Option<string?> Value { get; } = new("--value") { HelpName = "value", Description = "The value (it stays in your shell's history: --from-file does not)." };

    public Option<string?> FromFile { get; } = new("--from-file") { HelpName = "file", Description = "Read the value from a file, byte for byte." };

    public Option<string?> Type { get; } = new("--type") { HelpName = "type", Description = "generic (the default) or image-pull (a Docker config for pulling images)." };

    public Task<int> InvokeAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken) => RemoteFailures.AsUsageErrorsAsync(async () =>
    {
        var given = _controlPlane.Read(parse);
        var options = ControlPlane.Resolve(given, _environment);
        byte[] value = (parse.GetValue(Value), parse.GetValue(FromFile)) switch
        {
            ({ } text, null) => System.Text.Encoding.UTF8.GetBytes(text),
            (null, { } file) => await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false),
            (null, null) => throw new UsageException("give the secret's value with --value or --from-file (a file keeps it out of your shell's history)"),
            _ => throw new UsageException("give the secret's value with --value or with --from-file, not both"),
        };
        var type = parse.GetValue(Type) switch
        {
            null or "generic" => SecretType.Generic,
            "image-pull" => SecretType.ImagePullSecret,
            var other => throw new UsageException($"--type {other} is not a secret type: use generic or image-pull"),
        };
        using var remote = ControlPlane.Connect(options);
        var id = SecretScope.Of(given, parse.GetValue(Name)!, options.Org);
        // As flyte-sdk's CLI does, the value goes as bytes whatever it is.
        await remote.CallAsync(async () => await remote.Secrets.CreateSecretAsync(new CreateSecretRequest
        {
            Id = id,
            SecretSpec = new SecretSpec { BinaryValue = ByteString.CopyFrom(value), Type = type },
        }, cancellationToken: cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        await console.Out.WriteLineAsync($"secret {id.Name} created in {SecretScope.Describe(id)}").ConfigureAwait(false);
        return ExitCodes.Success;
    }, cancellationToken);
}
