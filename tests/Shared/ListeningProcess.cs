using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Flyte.Tests.Shared;

/// <summary>
/// A test service run as a child process (s3rver, Azurite, oidc-provider): started, everything it prints kept for
/// failure messages, ready once it prints the line that says where it listens, and killed with its process tree when
/// disposed.
/// </summary>
internal sealed class ListeningProcess : IDisposable
{
    private readonly StringBuilder _output = new();
    private readonly Process _process;

    private ListeningProcess(ProcessStartInfo start) => _process = new Process { StartInfo = start, EnableRaisingEvents = true };

    /// <summary>Generous: a Node.js service starts in about a second, but the machine may be busy with other test runs.</summary>
    private static readonly TimeSpan ReadyBound = TimeSpan.FromSeconds(60);

    /// <summary>The line that said where the service listens, matched by the pattern <see cref="StartAsync"/> was given.</summary>
    public Match ReadyLine { get; private set; } = Match.Empty;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <param name="name">The service, for messages.</param>
    /// <param name="readyLine">Matches the line the service prints once it listens; its groups say where.</param>
    public static async Task<ListeningProcess> StartAsync(string name, ProcessStartInfo start, Regex readyLine)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var service = new ListeningProcess(start);
        var ready = new TaskCompletionSource<Match>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }
            lock (service._output)
            {
                service._output.AppendLine(line);
            }
            if (readyLine.Match(line) is { Success: true } match)
            {
                ready.TrySetResult(match);
            }
        }
        service._process.OutputDataReceived += (_, e) => OnLine(e.Data);
        service._process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        service._process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"{name} exited early:\n{service.Output}"));
        service._process.Start();
        service._process.BeginOutputReadLine();
        service._process.BeginErrorReadLine();
        try
        {
            service.ReadyLine = await ready.Task.WaitAsync(ReadyBound);
        }
        catch (TimeoutException)
        {
            service.Dispose();
            throw new TimeoutException($"{name} did not say it listens within {ReadyBound.TotalSeconds:F0} s:\n{service.Output}");
        }
        catch
        {
            service.Dispose();
            throw;
        }
        return service;
    }

    /// <summary>Waits until <paramref name="port"/> on loopback takes a connection (60 s at most).</summary>
    public static async Task WaitForConnectionAsync(int port)
    {
        var deadline = DateTime.UtcNow + ReadyBound;
        while (true)
        {
            try
            {
                using var socket = new TcpClient();
                await socket.ConnectAsync(System.Net.IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }
        _process.Dispose();
    }
}
