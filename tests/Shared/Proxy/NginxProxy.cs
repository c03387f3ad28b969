using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Flyte.Tests.Shared;

/// <summary>
/// Debian's nginx as a reverse proxy in front of a loopback upstream, run as a child process with its prefix, config, pid,
/// logs and temporary files in a folder of its own, on a free 127.0.0.1 port. Two shapes of what stands between a client
/// and a real cluster: an HTTP/1.1-only proxy (as many ingresses and load balancers) and a TLS front with HTTP/2 and grpc_pass.
/// <see cref="StopAsync"/> cuts every connection and closes the port; <see cref="RestartAsync"/> opens the same port again.
/// </summary>
public sealed class NginxProxy : IAsyncDisposable
{
    private const string HowToInstall = "install it with `apt-get install nginx` (what .ci/run does)";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly DirectoryInfo _directory;
    private readonly string _executable;
    private readonly StringBuilder _output = new();
    private Process? _process;

    private NginxProxy(DirectoryInfo directory, string executable, int port, bool tls)
    {
        _directory = directory;
        _executable = executable;
        Port = port;
        Endpoint = new Uri($"{(tls ? "https" : "http")}://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>http://127.0.0.1:PORT or https://127.0.0.1:PORT.</summary>
    public Uri Endpoint { get; }

    public int Port { get; }

    public string ConfigPath => Path.Combine(_directory.FullName, "nginx.conf");

    public string ErrorLogPath => Path.Combine(_directory.FullName, "error.log");

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>
    /// A plain HTTP/1.1 reverse proxy that does not speak HTTP/2 (a gRPC client fails against it; gRPC-Web passes): every
    /// request goes to the upstream over HTTP/1.1, unbuffered both ways, so a server-streaming response flows as it is written.
    /// </summary>
    public static Task<NginxProxy> StartHttp1Async(Uri upstream) =>
        StartAsync(tls: false, port => NginxConfigs.Http1(port, Upstream(upstream)));

    /// <summary>
    /// TLS with the authority's server certificate and HTTP/2 on the client side: gRPC (content-type application/grpc) goes to
    /// the plaintext HTTP/2 upstream through grpc_pass, everything else (gRPC-Web, storage URLs) through HTTP/1.1 proxy_pass.
    /// </summary>
    public static Task<NginxProxy> StartTlsGrpcAsync(Uri upstream, TestCertificateAuthority ca) =>
        StartAsync(tls: true, port => NginxConfigs.TlsGrpc(port, Upstream(upstream), ca.ServerCertificatePath, ca.ServerKeyPath));

    /// <summary>
    /// Plaintext HTTP/2 (h2c, prior knowledge) in front, as an in-cluster gRPC load balancer: gRPC goes to the upstream
    /// through grpc_pass, everything else through HTTP/1.1 proxy_pass.
    /// </summary>
    public static Task<NginxProxy> StartH2cGrpcAsync(Uri upstream) =>
        StartAsync(tls: false, port => NginxConfigs.H2cGrpc(port, Upstream(upstream)));

    /// <summary>Stops nginx at once (SIGTERM: open connections are cut) and waits until it has exited and the port is closed.</summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }
        if (!_process.HasExited)
        {
            // nginx -s stop sends the master SIGTERM, its fast shutdown: workers close every connection and exit.
            var stop = await Task.Run(() => ChildProcess.Run(_executable, ["-p", _directory.FullName, "-c", ConfigPath, "-s", "stop"], new Dictionary<string, string?>(), StartTimeout));
            if (stop.ExitCode != 0 || !await ExitsWithinAsync(_process, TimeSpan.FromSeconds(10)))
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        _process.Dispose();
        _process = null;
    }

    /// <summary>Starts nginx again on the same port with the same config.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        // The port was ours a moment ago; another process may still grab it in between, so a clash is retried for a while.
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            try
            {
                await RunAsync();
                return;
            }
            catch (PortInUseException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    /// <summary>nginx's error log so far, for a failing test's message.</summary>
    public string ErrorLog() => File.Exists(ErrorLogPath) ? File.ReadAllText(ErrorLogPath) : "";

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_directory.Exists)
        {
            _directory.Delete(recursive: true);
        }
    }

    private static async Task<NginxProxy> StartAsync(bool tls, Func<int, string> configure)
    {
        string executable = FindNginx();
        // A free port found by binding port 0 may be taken again before nginx binds it: then another one is tried.
        for (int attempt = 1; ; attempt++)
        {
            int port = LoopbackPorts.Free();
            var directory = Directory.CreateTempSubdirectory("flyte-nginx-");
            var proxy = new NginxProxy(directory, executable, port, tls);
            File.WriteAllText(proxy.ConfigPath, NginxConfigs.Render(configure(port), directory.FullName, runsAsRoot: Environment.IsPrivilegedProcess));
            try
            {
                await proxy.RunAsync();
                return proxy;
            }
            catch (PortInUseException) when (attempt < 5)
            {
                await proxy.DisposeAsync();
            }
            catch
            {
                await proxy.DisposeAsync();
                throw;
            }
        }
    }

    private async Task RunAsync()
    {
        lock (_output)
        {
            _output.Clear();
        }
        // What earlier runs logged is no part of this run's failure.
        int errorLogStart = ErrorLog().Length;
        var start = new ProcessStartInfo(_executable)
        {
            // In the foreground, so the process is ours to wait for; its master still forks the workers.
            ArgumentList = { "-p", _directory.FullName, "-c", ConfigPath, "-g", "daemon off;" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = DateTime.UtcNow + StartTimeout;
        while (!(HasWrittenItsPid(process) && await AcceptsConnectionsAsync()))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await StopAsync();
                string log = $"{Output()}{ErrorLog()[errorLogStart..]}";
                if (log.Contains("Address already in use", StringComparison.Ordinal))
                {
                    throw new PortInUseException(log);
                }
                throw new InvalidOperationException($"nginx did not start on 127.0.0.1:{Port} (config {ConfigPath}):\n{log}");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// nginx writes its pid file once its listening sockets are bound: before that, a connection that succeeds may reach
    /// whatever else holds the port (nginx keeps retrying a taken port for a few seconds before it gives up).
    /// </summary>
    private bool HasWrittenItsPid(Process process)
    {
        try
        {
            return File.ReadAllText(Path.Combine(_directory.FullName, "nginx.pid")).Trim() == process.Id.ToString(CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static async Task<bool> ExitsWithinAsync(Process process, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<bool> AcceptsConnectionsAsync()
    {
        try
        {
            using var socket = new TcpClient();
            await socket.ConnectAsync(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private static string Upstream(Uri upstream)
    {
        if (upstream.Scheme != Uri.UriSchemeHttp || !IPAddress.TryParse(upstream.Host, out var address) || !IPAddress.IsLoopback(address))
        {
            throw new ArgumentException($"the upstream must be a plaintext loopback address (http://127.0.0.1:PORT), not {upstream}", nameof(upstream));
        }
        return upstream.Authority;
    }

    private static string FindNginx()
    {
        // Debian installs it in /usr/sbin, which a non-root user's PATH often lacks.
        string[] directories = [.. (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries), "/usr/sbin", "/usr/local/sbin"];
        foreach (string directory in directories)
        {
            string candidate = Path.Combine(directory, "nginx");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException($"the proxy tests need nginx, and it is not installed: {HowToInstall}");
    }

    private sealed class PortInUseException(string log) : Exception(log);
}
