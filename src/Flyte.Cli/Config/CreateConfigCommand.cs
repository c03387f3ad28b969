using System.CommandLine;
using Flyte.Runtime.Configuration;
using Flyte.Remote.Auth;
using Flyte.Remote;

namespace Flyte.Cli.Config;

/// <summary>
/// <c>flyte create config --endpoint E [--insecure] [--auth-type T --client-id C --client-secret-env-var V …] [--project P]
/// [--domain D] [--org O] [--output PATH] [--force]</c>: writes a commented config file, by default
/// <c>.flyte/config.yaml</c> in the current folder, where the CLI, the SDK and flyte-sdk find it.
/// </summary>
internal sealed class CreateConfigCommand
{
    private readonly CliEnvironment _environment;

    public CreateConfigCommand(CliEnvironment environment)
    {
        _environment = environment;
        Config = new Command("config", "Write a config file that points the flyte CLI and the SDK at a Flyte control plane.")
        {
            Endpoint, Insecure, InsecureSkipVerify, CaCertFilePath, Transport, AuthFlow, ClientId, ClientSecretEnvVar, ClientSecretLocation,
            Scopes, Audience, AuthCommand, Project, Domain, Org, Output, Force,
        };
        Command = new Command("create", "Create configuration, or a secret on the control plane.") { Config };
    }

    public Command Command { get; }

    public Command Config { get; }

    public Option<string> Endpoint { get; } = new("--endpoint")
    {
        Description = $"The control plane's API: {FlyteEndpoint.Forms} (http:// implies --insecure).",
        Required = true,
    };

    public Option<bool> Insecure { get; } = new("--insecure") { Description = "Connect in plaintext, without TLS (as to a local devbox)." };

    public Option<bool> InsecureSkipVerify { get; } = new("--insecure-skip-verify") { Description = "Use TLS without verifying the server's certificate (a test cluster only)." };

    public Option<string?> CaCertFilePath { get; } = new("--ca-cert") { Description = "A PEM file with the CA that signed the server's certificate (admin.caCertFilePath).", HelpName = "file" };

    public Option<string?> Transport { get; } = new("--transport") { Description = "grpc (HTTP/2, the default) or grpc-web (HTTP/1.1), for an ingress or proxy that does not pass HTTP/2." };

    public Option<string?> AuthFlow { get; } = new("--auth-type")
    {
        Description = $"How to sign in when the cluster asks: {string.Join(", ", Enum.GetNames<AuthType>())} (default: Pkce, only when the cluster asks).",
    };

    public Option<string?> ClientId { get; } = new("--client-id") { Description = "The OAuth client id (ClientSecret; overrides the cluster's for the others)." };

    public Option<string?> ClientSecretEnvVar { get; } = new("--client-secret-env-var") { Description = "An environment variable holding the client secret (ClientSecret).", HelpName = "name" };

    public Option<string?> ClientSecretLocation { get; } = new("--client-secret-location") { Description = "A file holding the client secret (ClientSecret).", HelpName = "file" };

    public Option<string[]> Scopes { get; } = new("--scopes") { Description = "OAuth scopes to ask for, over the cluster's.", AllowMultipleArgumentsPerToken = true };

    public Option<string?> Audience { get; } = new("--audience") { Description = "The audience to ask tokens for, over the cluster's." };

    public Option<string[]> AuthCommand { get; } = new("--auth-command")
    {
        Description = "ExternalCommand: the program and its arguments that print a token (repeat the option for each word).",
        HelpName = "word",
    };

    public Option<string?> Project { get; } = new("--project") { Description = $"The default project (default {TaskConfig.DefaultProject})." };

    public Option<string?> Domain { get; } = new("--domain") { Description = $"The default domain (default {TaskConfig.DefaultDomain})." };

    public Option<string?> Org { get; } = new("--org") { Description = "The organization (default none)." };

    public Option<string?> Output { get; } = new("--output", "-o") { Description = "Where to write the file (default .flyte/config.yaml in the current folder)." };

    public Option<bool> Force { get; } = new("--force") { Description = "Overwrite the file if it exists." };

    public static string DefaultOutputPath(string currentDirectory) =>
        Path.Combine(currentDirectory, ".flyte", "config.yaml");

    public int Invoke(ParseResult parse, CliConsole console)
    {
        string currentDirectory = _environment.WorkingDirectory;
        string endpoint = parse.GetValue(Endpoint)!;
        if (FlyteEndpoint.Problem(endpoint) is { } problem)
        {
            throw new UsageException($"--endpoint '{endpoint}' is not valid: {problem}");
        }
        var task = new TaskConfig
        {
            Org = parse.GetValue(Org) ?? "",
            Project = NonEmpty(parse.GetValue(Project), "--project") ?? TaskConfig.DefaultProject,
            Domain = NonEmpty(parse.GetValue(Domain), "--domain") ?? TaskConfig.DefaultDomain,
        };
        // flyte-sdk reads the scheme of an http:// endpoint as no more than a host prefix; insecure: true is what makes it dial plaintext.
        bool insecure = parse.GetValue(Insecure) || endpoint.TrimStart().StartsWith("http://", StringComparison.OrdinalIgnoreCase);
        var admin = new AdminConfig
        {
            Endpoint = endpoint.Trim(),
            Insecure = insecure,
            InsecureSkipVerify = parse.GetValue(InsecureSkipVerify),
            CaCertFilePath = parse.GetValue(CaCertFilePath) is { } ca ? Path.GetFullPath(ca, currentDirectory) : null,
            Transport = ParseTransport(parse.GetValue(Transport)),
            AuthType = ParseAuthType(parse.GetValue(AuthFlow)),
            ClientId = NonEmpty(parse.GetValue(ClientId), "--client-id"),
            ClientSecretEnvVar = NonEmpty(parse.GetValue(ClientSecretEnvVar), "--client-secret-env-var"),
            ClientSecretLocation = parse.GetValue(ClientSecretLocation) is { } secret ? Path.GetFullPath(secret, currentDirectory) : null,
            Scopes = parse.GetValue(Scopes) ?? [],
            Audience = NonEmpty(parse.GetValue(Audience), "--audience"),
            Command = parse.GetValue(AuthCommand) ?? [],
        };
        CheckAuth(admin);
        var config = new FlyteConfig { Admin = admin, Task = task };

        string path = Path.GetFullPath(parse.GetValue(Output) ?? DefaultOutputPath(currentDirectory), currentDirectory);
        if (Directory.Exists(path))
        {
            throw new UsageException($"{path} is a folder; give a file path with --output");
        }
        if (File.Exists(path) && !parse.GetValue(Force))
        {
            throw new UsageException($"{path} already exists; pass --force to overwrite it");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, FlyteConfigWriter.ToYaml(config));

        console.Out.WriteLine(
            $"wrote {path}: endpoint {config.Admin.Endpoint} ({(insecure ? "plaintext" : "TLS")}"
            + (admin.Transport == RemoteTransport.GrpcWeb ? ", gRPC-Web" : "")
            + (admin.AuthType is { } flow ? $", sign-in {flow}" : "")
            + $"), project {task.Project}, domain {task.Domain}"
            + (task.Org.Length > 0 ? $", org {task.Org}" : ""));
        return ExitCodes.Success;
    }

    private static RemoteTransport ParseTransport(string? text) => text is null
        ? RemoteTransport.Grpc
        : RemoteTransportNames.Parse(text) ?? throw new UsageException($"--transport '{text}' is not a transport; give grpc or grpc-web");

    private static AuthType? ParseAuthType(string? text)
    {
        if (text is null)
        {
            return null;
        }
        foreach (var type in Enum.GetValues<AuthType>())
        {
            if (string.Equals(type.ToString(), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return type;
            }
        }
        throw new UsageException($"--auth-type '{text}' is not an auth type; give one of {string.Join(", ", Enum.GetNames<AuthType>())}");
    }

    /// <summary>The settings each flow cannot do without, checked now rather than at the first call.</summary>
    private static void CheckAuth(AdminConfig admin)
    {
        switch (admin.AuthType)
        {
            case global::Flyte.Remote.Auth.AuthType.ClientSecret when admin.ClientId is null:
                throw new UsageException("--auth-type ClientSecret needs --client-id");
            case global::Flyte.Remote.Auth.AuthType.ClientSecret when admin.ClientSecretEnvVar is null && admin.ClientSecretLocation is null:
                throw new UsageException("--auth-type ClientSecret needs --client-secret-env-var or --client-secret-location (the secret itself is never written to the file)");
            case global::Flyte.Remote.Auth.AuthType.ExternalCommand when admin.Command.Count == 0:
                throw new UsageException("--auth-type ExternalCommand needs --auth-command <program> [--auth-command <argument> …]");
        }
    }

    private static string? NonEmpty(string? value, string option) =>
        value is not null && value.Trim().Length == 0 ? throw new UsageException($"{option} must not be empty") : value;
}
