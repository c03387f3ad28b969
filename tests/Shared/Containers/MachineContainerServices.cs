using System.Net.Http;
using System.Net.Sockets;

namespace Flyte.Tests.Shared;

/// <summary>This machine: its Docker engine, its loopback registry, and tools/containers/start.sh.</summary>
internal sealed class MachineContainerServices : IContainerServicesHost
{
    /// <summary>What start.sh installs with apt-get when one of them is missing.</summary>
    private static readonly string[] StartScriptPrograms = ["dockerd", "debootstrap", "docker-registry", "curl"];

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Installing packages, a debootstrap root and publishing a0: a few minutes on a slow machine.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(20);

    public async Task<ContainerServicesState> ProbeAsync() =>
        new(await EngineAnswersAsync(), await AnswersAsync($"http://{ContainerServices.Registry}/v2/"), await BaseImageExistsAsync());

    public string? WhyStartCannotRun()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "it runs on Linux only";
        }
        if (!Environment.IsPrivilegedProcess)
        {
            return $"it needs root, and the tests run as {Environment.UserName}";
        }
        string[] missing = StartScriptPrograms.Where(program => !OnPath(program)).ToArray();
        if (missing.Length > 0 && !OnPath("apt-get"))
        {
            return $"{string.Join(", ", missing)} not installed, and no apt-get to install them";
        }
        return null;
    }

    public Task<ChildProcess.Result> StartAsync() => Task.Run(() => ChildProcess.Run("bash", ["tools/containers/start.sh"],
        new Dictionary<string, string?>
        {
            // start.sh publishes a0: no build server may outlive it, holding the test run's output open.
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["UseSharedCompilation"] = "false",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DEBIAN_FRONTEND"] = "noninteractive",
        },
        StartTimeout, RepositoryPaths.Root));

    /// <summary>The engine's <c>/_ping</c> on its socket: a socket file left by an engine that died does not count.</summary>
    private static async Task<bool> EngineAnswersAsync()
    {
        if (!File.Exists(ContainerServices.DockerSocket))
        {
            return false;
        }
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(ContainerServices.DockerSocket), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        using var http = new HttpClient(handler) { Timeout = ProbeTimeout };
        return await AnswersAsync(http, "http://docker/_ping");
    }

    private static async Task<bool> BaseImageExistsAsync()
    {
        using var http = new HttpClient { Timeout = ProbeTimeout };
        using var request = new HttpRequestMessage(HttpMethod.Head, $"http://{ContainerServices.Registry}/v2/flyte-dotnet/manifests/10.0");
        request.Headers.Accept.ParseAdd("application/vnd.docker.distribution.manifest.v2+json");
        try
        {
            using var response = await http.SendAsync(request);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static async Task<bool> AnswersAsync(string url)
    {
        using var http = new HttpClient { Timeout = ProbeTimeout };
        return await AnswersAsync(http, url);
    }

    private static async Task<bool> AnswersAsync(HttpClient http, string url)
    {
        try
        {
            using var response = await http.GetAsync(url);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, program)));
}
