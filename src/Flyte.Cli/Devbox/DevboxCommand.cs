using System.CommandLine;
using Flyte.Configuration;
using Flyte.Devbox;
using Flyte.Devbox.Execution;
using Flyte.Devbox.Storage;

namespace Flyte.Cli.Devbox;

/// <summary>
/// <c>flyte devbox start [--port P] [--data DIR] [--max-parallel N] [--storage s3://BUCKET[/PREFIX]] [--config FILE] [--launcher docker --image IMAGE]</c>:
/// a Flyte 2 control plane in this process, on loopback, until Ctrl+C. Its state lives in the data folder, so a restart
/// picks up where it stopped. Run data (code bundles, inputs, outputs) lives there too, or with <c>--storage</c> in an
/// S3 bucket reached with the config file's <c>storage</c> section (endpoint, region, credentials, path style) and,
/// for what it leaves unset, the AWS variables.
/// </summary>
internal sealed class DevboxCommand
{
    public DevboxCommand()
    {
        Start = new Command("start", "Start a devbox: the Flyte 2 services on one loopback port, state in SQLite, tasks run as local a0 processes.")
        {
            Port, DataDirectory, MaxParallel, Storage, Config, Launcher, Image,
        };
        Command = new Command("devbox", "A Flyte 2 control plane on this machine, in one process.") { Start };
    }

    public Command Command { get; }

    public Command Start { get; }

    public Option<int> Port { get; } = new("--port") { Description = "The loopback port of every service (0: any free port).", DefaultValueFactory = _ => 8090 };

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

    public async Task<int> InvokeAsync(ParseResult parse, CliConsole console, CancellationToken cancellationToken)
    {
        int port = parse.GetValue(Port);
        if (port is < 0 or > 65535)
        {
            throw new UsageException($"--port {port} is not a port; give 0 to 65535");
        }
        string data = parse.GetValue(DataDirectory) is { } given
            ? Path.GetFullPath(given)
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".flyte", "devbox");
        var s3 = S3Storage(parse.GetValue(Storage), parse.GetValue(Config));
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
            }, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (DevboxStorageException e)
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
            await console.Out.WriteLineAsync($"point the flyte command at it: flyte create config --endpoint {devbox.Endpoint} --insecure").ConfigureAwait(false);
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
    private static S3StorageOptions? S3Storage(string? storage, string? configPath)
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

        LoadedFlyteConfig loaded;
        try
        {
            loaded = FlyteConfigLoader.Load(configPath);
        }
        catch (FlyteConfigException e)
        {
            throw new UsageException(e.Message.ReplaceLineEndings(" ").TrimEnd('.'), e);
        }
        // No instance role is meant for a devbox, and the metadata service is not on this machine: never ask it.
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AWS_EC2_METADATA_DISABLED")))
        {
            Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        }
        return new S3StorageOptions
        {
            Bucket = bucket,
            Prefix = slash < 0 ? "" : rest[(slash + 1)..],
            Connection = loaded.Config.Storage.ToS3StoreOptions(),
        };
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
