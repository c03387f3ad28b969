using System.CommandLine;
using System.Net;
using Flyte.Runtime.Configuration;
using Flyte.Devbox;
using Flyte.Devbox.Auth;
using Flyte.Devbox.Execution;
using Flyte.Devbox.Storage;

namespace Flyte.Cli.Devbox;

/// <summary>
/// <c>flyte devbox start [--port P] [--data DIR] [--max-parallel N] [--storage s3://BUCKET[/PREFIX]] [--config FILE] [--launcher docker --image IMAGE]
/// [--auth ISSUER [--audience A] [--client-id ID] [--redirect-uri URI] [--scopes S…] [--address IP]] [--eager-api-key KEY]</c>:
/// a Flyte 2 control plane in this process, on loopback (or, with <c>--auth</c>, any address), until Ctrl+C.
/// The config file's <c>devbox</c> section gives what the options leave out (docs/devbox-auth.md). Its state lives in the data folder, so a restart
/// picks up where it stopped. Run data (code bundles, inputs, outputs) lives there too, or with <c>--storage</c> in an
/// S3 bucket reached with the config file's <c>storage</c> section (endpoint, region, credentials, path style) and,
/// for what it leaves unset, the AWS variables.
/// </summary>
internal sealed class DevboxCommand
{
    private readonly CliEnvironment _environment;

    public DevboxCommand(CliEnvironment environment)
    {
        _environment = environment;
        Start = new Command("start", "Start a devbox: the Flyte 2 services on one loopback port, state in SQLite, tasks run as local a0 processes.")
        {
            Port, DataDirectory, MaxParallel, Storage, Config, Launcher, Image,
            Auth, Audience, ClientId, RedirectUri, Scopes, Address, EagerApiKey,
        };
        Command = new Command("devbox", "A Flyte 2 control plane on this machine, in one process.") { Start };
    }

    public Command Command { get; }

    public Command Start { get; }

    public Option<int> Port { get; } = new("--port") { Description = "The port of every service (0: any free port).", DefaultValueFactory = _ => 8090 };

    public Option<string?> DataDirectory { get; } = new("--data") { Description = "Where the devbox keeps its state, objects and logs (default ~/.flyte/devbox)." };

    public Option<int?> MaxParallel { get; } = new("--max-parallel") { Description = "At most this many actions run at once (default: twice the processor count)." };

    public Option<string?> Storage { get; } = new("--storage")
    {
        Description = "Keep run data (code bundles, inputs, outputs) in this S3 bucket instead of the data folder: s3://bucket[/prefix]. "
            + "The endpoint, region, credentials and path style come from the config file's storage section, then AWS_ENDPOINT_URL_S3, AWS_REGION, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.",
        HelpName = "s3://bucket[/prefix]",
    };

    public Option<string?> Config { get; } = new("--config")
    {
        Description = "The config file whose storage section --storage uses (default: $FLYTECTL_CONFIG, ./config.yaml, ./.flyte/config.yaml, <git root>/.flyte/config.yaml, ~/.flyte/config.yaml).",
        HelpName = "file",
    };

    public Option<string> Launcher { get; } = new("--launcher")
    {
        Description = "How attempts run: 'process' (a0 as a local process, the default) or 'docker' (a container of the task's image on the "
            + "Docker engine at $DOCKER_HOST or /var/run/docker.sock, host network, the task's CPU and memory limits).",
        DefaultValueFactory = _ => "process",
    };

    public Option<string?> Image { get; } = new("--image")
    {
        Description = "With --launcher docker: the image for tasks that name none (a base image with the .NET runtime and a0 on PATH; their code comes in the code bundle).",
        HelpName = "image",
    };

    public Option<string?> Auth { get; } = new("--auth")
    {
        Description = "Require bearer tokens from this OpenID Connect issuer on every call but AuthMetadataService's (https://…; http:// on loopback only). "
            + "Default: the config file's devbox.issuer; none (loopback only, no tokens).",
        HelpName = "issuer URL",
    };

    public Option<string?> Audience { get; } = new("--audience")
    {
        Description = $"With --auth: the audience (aud) every token must carry (default {DevboxAuthOptions.DefaultAudience}).",
        HelpName = "audience",
    };

    public Option<string?> ClientId { get; } = new("--client-id")
    {
        Description = $"With --auth: the public client CLIs sign in with, told by AuthMetadataService (default {DevboxAuthOptions.DefaultClientId}).",
        HelpName = "client id",
    };

    public Option<string?> RedirectUri { get; } = new("--redirect-uri")
    {
        Description = $"With --auth: the public client's redirect URI (default {DevboxAuthOptions.DefaultRedirectUri}).",
        HelpName = "uri",
    };

    public Option<string[]> Scopes { get; } = new("--scopes")
    {
        Description = "With --auth: the scopes the public client asks for (default openid offline_access all).",
        AllowMultipleArgumentsPerToken = true,
        HelpName = "scope",
    };

    public Option<string?> Address { get; } = new("--address")
    {
        Description = "The IP address to listen on (default 127.0.0.1; 0.0.0.0 for every address). Anything but loopback needs --auth.",
        HelpName = "ip",
    };

    public Option<string?> EagerApiKey { get; } = new("--eager-api-key")
    {
        Description = "Given to every task as EAGER_API_KEY, as a Flyte 2 pod gets its API key secret (default: the config file's devbox.eagerApiKey).",
        HelpName = "key",
    };

    public async Task<int> InvokeAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken)
    {
        int port = parse.GetValue(Port);
        if (port is < 0 or > 65535)
        {
            throw new UsageException($"--port {port} is not a port; give 0 to 65535");
        }
        string data = parse.GetValue(DataDirectory) is { } given
            ? _environment.FullPath(given)
            : Path.Combine(_environment.HomeDirectory ?? "", ".flyte", "devbox");
        var config = Remote.ControlPlane.Load(parse.GetValue(Config), _environment);
        var s3 = S3Storage(parse.GetValue(Storage), config);
        var auth = AuthOptions(parse, config.Config.Devbox);
        var address = ListenAddress(parse.GetValue(Address) ?? config.Config.Devbox.Address, auth);
        using var docker = DockerLauncher(parse.GetValue(Launcher) ?? "process", parse.GetValue(Image), data);

        DevboxServer devbox;
        try
        {
            devbox = await DevboxServer.StartAsync(new DevboxOptions
            {
                DataDirectory = data,
                Port = port,
                A0Command = A0Command(),
                MaxConcurrentActions = parse.GetValue(MaxParallel),
                S3 = s3,
                Launcher = docker,
                Auth = auth,
                ListenAddress = address,
                EagerApiKey = parse.GetValue(EagerApiKey) ?? config.Config.Devbox.EagerApiKey,
            }, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (DevboxStorageException e)
        {
            throw new UsageException(e.Message, e);
        }
        catch (DevboxAuthException e)
        {
            throw new UsageException(e.Message, e);
        }
        catch (IOException e) when (e.InnerException is System.Net.Sockets.SocketException || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException($"port {port} is in use (is a devbox running already?); stop it or pass --port");
        }
        await using (devbox.ConfigureAwait(false))
        {
            string runData = devbox.Storage is S3BucketStorage bucket ? $"; run data in {bucket.Location} at {bucket.Endpoint}" : "";
            await console.Out.WriteLineAsync($"devbox listening on {devbox.Endpoint} (data in {data}{runData}); Ctrl+C stops it").ConfigureAwait(false);
            if (auth is null)
            {
                await console.Out.WriteLineAsync($"the console: {devbox.Endpoint}/ (runs, their actions, logs and reports)").ConfigureAwait(false);
                await console.Out.WriteLineAsync($"point the flyte command at it: flyte create config --endpoint {devbox.Endpoint} --insecure").ConfigureAwait(false);
            }
            else
            {
                await console.Out.WriteLineAsync($"every call needs a bearer token from {auth.Issuer} for audience {auth.Audience} (AuthMetadataService tells clients how to get one)").ConfigureAwait(false);
            }
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await console.Out.WriteLineAsync("devbox stopping").ConfigureAwait(false);
            }
        }
        return ExitCodes.Success;
    }

    /// <summary>The Docker launcher for <c>--launcher docker</c>, sharing the data folder (the folder store) with its containers; null for local processes.</summary>
    private static DockerLauncher? DockerLauncher(string launcher, string? image, string data) => launcher switch
    {
        "process" when image is null => null,
        "process" => throw new UsageException("--image is for --launcher docker; add --launcher docker or leave --image out"),
        "docker" when string.IsNullOrWhiteSpace(image) =>
            throw new UsageException("--launcher docker needs --image <base image> for tasks that name none, e.g. --image 127.0.0.1:5000/flyte-dotnet:10.0"),
        "docker" => new DockerLauncher(new DockerLauncherOptions { DefaultImage = image!, SharedDirectories = [data] }),
        _ => throw new UsageException($"--launcher takes 'process' or 'docker', not '{launcher}'"),
    };

    /// <summary>
    /// The bucket and prefix of <c>--storage</c>, reached with the config file's storage section; null without
    /// <c>--storage</c>. The storage section alone does not move run data: it also tells clients how to reach S3.
    /// </summary>
    private S3StorageOptions? S3Storage(string? storage, LoadedFlyteConfig loaded)
    {
        if (storage is null)
        {
            return null;
        }
        const string Scheme = "s3://";
        if (!storage.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException($"--storage takes s3://<bucket>[/<prefix>], not '{storage}'; leave it out to keep run data in the data folder");
        }
        string rest = storage[Scheme.Length..];
        int slash = rest.IndexOf('/', StringComparison.Ordinal);
        string bucket = slash < 0 ? rest : rest[..slash];
        if (bucket.Length == 0)
        {
            throw new UsageException($"--storage '{storage}' names no bucket: give s3://<bucket>[/<prefix>]");
        }

        // No instance role is meant for a devbox, and the metadata service is not on this machine: never ask it. The AWS SDK
        // reads this switch from the process's environment alone (AWSSDK.Core has no setting for it), and the devbox is this
        // process, so it is set here rather than passed.
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AWS_EC2_METADATA_DISABLED")))
        {
            Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        }
        return new S3StorageOptions
        {
            Bucket = bucket,
            Prefix = slash < 0 ? "" : rest[(slash + 1)..],
            Connection = loaded.Config.Storage.ToS3StoreOptions(),
            Environment = _environment.Variable,
        };
    }

    /// <summary>The authentication of <c>--auth</c> (or devbox.issuer) and its settings; null without an issuer, when the other auth options are refused.</summary>
    private DevboxAuthOptions? AuthOptions(ParseResult parse, DevboxConfig config)
    {
        string? issuer = parse.GetValue(Auth) ?? config.Issuer;
        string? audience = parse.GetValue(Audience) ?? config.Audience;
        string? clientId = parse.GetValue(ClientId) ?? config.ClientId;
        string? redirectUri = parse.GetValue(RedirectUri) ?? config.RedirectUri;
        IReadOnlyList<string>? scopes = parse.GetValue(Scopes) is { Length: > 0 } given ? given : config.Scopes;
        if (issuer is null)
        {
            if ((audience ?? clientId ?? redirectUri ?? scopes?.FirstOrDefault()) is not null)
            {
                throw new UsageException("--audience, --client-id, --redirect-uri and --scopes are settings of --auth <issuer URL>; add it or leave them out");
            }
            return null;
        }
        if (!Uri.TryCreate(issuer, UriKind.Absolute, out var issuerUri) || (issuerUri.Scheme != Uri.UriSchemeHttps && issuerUri.Scheme != Uri.UriSchemeHttp))
        {
            throw new UsageException($"--auth takes the issuer's URL (https://…), not '{issuer}'");
        }
        if (redirectUri is not null && !Uri.TryCreate(redirectUri, UriKind.Absolute, out _))
        {
            throw new UsageException($"--redirect-uri takes an absolute URI, not '{redirectUri}'");
        }
        if (audience is { Length: 0 })
        {
            throw new UsageException("--audience cannot be empty: tokens for any audience would open the devbox");
        }
        var defaults = new DevboxAuthOptions { Issuer = issuer };
        return defaults with
        {
            Audience = audience ?? defaults.Audience,
            ClientId = clientId ?? defaults.ClientId,
            RedirectUri = redirectUri ?? defaults.RedirectUri,
            Scopes = scopes ?? defaults.Scopes,
        };
    }

    /// <summary>The address of <c>--address</c>: loopback without it; anything else only with authentication.</summary>
    private static IPAddress ListenAddress(string? address, DevboxAuthOptions? auth)
    {
        if (address is null)
        {
            return IPAddress.Loopback;
        }
        if (!IPAddress.TryParse(address, out var parsed))
        {
            throw new UsageException($"--address takes an IP address (127.0.0.1, 0.0.0.0, …), not '{address}'");
        }
        if (auth is null && !IPAddress.IsLoopback(parsed))
        {
            throw new UsageException($"--address {address} shares the devbox beyond this machine: add --auth <issuer URL> so that callers need a token, or listen on 127.0.0.1");
        }
        return parsed;
    }

    /// <summary>
    /// a0 ships beside this tool. It runs on this tool's runtime configuration and dependency list: some of a0's
    /// dependencies (the logging abstractions gRPC uses) come to this folder from the ASP.NET Core framework the devbox
    /// runs on, not as files of their own. Without a0 here, an a0 on PATH.
    /// </summary>
    private static IReadOnlyList<string> A0Command()
    {
        string folder = AppContext.BaseDirectory;
        string a0 = Path.Combine(folder, "a0.dll");
        string runtimeConfig = Path.Combine(folder, "flyte.runtimeconfig.json");
        string deps = Path.Combine(folder, "flyte.deps.json");
        if (!File.Exists(a0))
        {
            return ["a0"];
        }
        return File.Exists(runtimeConfig) && File.Exists(deps)
            ? ["dotnet", "exec", "--runtimeconfig", runtimeConfig, "--depsfile", deps, a0]
            : ["dotnet", a0];
    }
}
