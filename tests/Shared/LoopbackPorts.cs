using System.Net;
using System.Net.Sockets;

namespace Flyte.Tests.Shared;

/// <summary>Ports for servers a test starts on 127.0.0.1.</summary>
internal static class LoopbackPorts
{
    /// <summary>A port free a moment ago (the OS's pick for port 0); a server that loses it to another process fails to bind.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
