using System.CommandLine;
using Flyte.Devbox;

namespace Flyte.Cli.Devbox;

/// <summary>
/// <c>flyte devbox start [--port P] [--data DIR] [--max-parallel N]</c>: a Flyte 2 control plane in this process, on
/// loopback, until Ctrl+C. Its state lives in the data folder, so a restart picks up where it stopped.
/// </summary>
internal sealed class DevboxCommand
{
    public DevboxCommand()
    {
        Start = new Command("start", "Start a devbox: the Flyte 2 services on one loopback port, state in SQLite, tasks run as local a0 processes.")
        {
            Port, DataDirectory, MaxParallel,
        };
        Command = new Command("devbox", "A Flyte 2 control plane on this machine, in one process.") { Start };
    }

    public Command Command { get; }

    public Command Start { get; }

    public Option<int> Port { get; } = new("--port") { Description = "The loopback port of every service (0: any free port).", DefaultValueFactory = _ => 8090 };

    public Option<string?> DataDirectory { get; } = new("--data") { Description = "Where the devbox keeps its state, objects and logs (default ~/.flyte/devbox)." };

    public Option<int?> MaxParallel { get; } = new("--max-parallel") { Description = "At most this many actions run at once (default: twice the processor count)." };

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

        DevboxServer devbox;
        try
        {
            devbox = await DevboxServer.StartAsync(new DevboxOptions
            {
                DataDirectory = data,
                Port = port,
                A0Command = A0Command(),
                MaxConcurrentActions = parse.GetValue(MaxParallel),
            }, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e) when (e.InnerException is System.Net.Sockets.SocketException || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException($"port {port} is in use (is a devbox running already?); stop it or pass --port");
        }
        await using (devbox.ConfigureAwait(false))
        {
            await console.Out.WriteLineAsync($"devbox listening on {devbox.Endpoint} (data in {data}); Ctrl+C stops it").ConfigureAwait(false);
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
