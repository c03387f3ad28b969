using System.Net;
using System.Net.Sockets;

namespace Flyte.Runtime.Tests.ControlPlane;

/// <summary>
/// A loopback TCP port the test owns from start to end, relaying each connection to the current backend: a control
/// plane "restarts on the same address" by stopping one backend and switching to another on a fresh port, instead of
/// freeing a port and binding it again (another process, or another test's server, could take it in between).
/// While refusing, it accepts connections and resets them, as a stopped control plane's port answers.
/// </summary>
internal sealed class SwitchableForwarder : IAsyncDisposable
{
    private const int Refusing = 0;

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private readonly List<Task> _relays = [];
    private readonly Task _accepting;
    private int _backendPort;

    private SwitchableForwarder(int backendPort)
    {
        _backendPort = backendPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary><c>http://127.0.0.1:port</c> of the forwarder's own port, for the client to connect to.</summary>
    public string Endpoint => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public static SwitchableForwarder Start(int backendPort) => new(backendPort);

    /// <summary>New connections go to the backend on this loopback port; open ones stay with their backend.</summary>
    public void ForwardTo(int backendPort) => Volatile.Write(ref _backendPort, backendPort);

    /// <summary>New connections are accepted and reset; open ones stay with their backend.</summary>
    public void Refuse() => Volatile.Write(ref _backendPort, Refusing);

    private async Task AcceptAsync()
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            // A connection accepted just before the stop sends the loop round once more, to a listener that has stopped:
            // TcpListener then says "Not listening" (InvalidOperationException).
            catch (Exception e) when (_stop.IsCancellationRequested && e is OperationCanceledException or SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            lock (_gate)
            {
                _relays.Add(RelayAsync(client));
            }
        }
    }

    private async Task RelayAsync(Socket client)
    {
        using var backend = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            int port = Volatile.Read(ref _backendPort);
            if (port == Refusing)
            {
                Reset(client);
                return;
            }
            try
            {
                await backend.ConnectAsync(IPAddress.Loopback, port, _stop.Token);
            }
            catch (SocketException)
            {
                Reset(client);
                return;
            }
            var toBackend = CopyAsync(client, backend);
            var toClient = CopyAsync(backend, client);
            // An orderly end of one side was passed on as one, and the other side ends in turn; a side that ended with an
            // error (a reset, an aborted connection) ends the other side the same way.
            if (!await await Task.WhenAny(toBackend, toClient))
            {
                Reset(client);
                Reset(backend);
            }
            await Task.WhenAll(toBackend, toClient);
        }
        catch (OperationCanceledException)
        {
            // The forwarder is being disposed.
        }
        finally
        {
            client.Dispose();
        }
    }

    /// <summary>Copies until the source ends: true when it ended cleanly, false when a socket failed or was closed.</summary>
    private async Task<bool> CopyAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                int read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return true;
                }
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The connection's end on either side, which the caller passes on; the relay itself has nothing to report.
            return false;
        }
    }

    /// <summary>Closes with a TCP reset rather than an orderly end, as a closed port or an aborted connection does.</summary>
    private static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(enable: true, seconds: 0);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already closed: nothing left to reset.
        }
        socket.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        Task[] relays;
        lock (_gate)
        {
            relays = [.. _relays];
        }
        await Task.WhenAll(relays);
        _stop.Dispose();
    }
}
