using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Flyte.Runtime.Tests.ControlPlane;

/// <summary>
/// Serves a <see cref="FakeActionsService"/> over real gRPC (HTTP/2 cleartext) on a free loopback port, as ActionsService
/// and as QueueService and StateService (<see cref="QueueStateFacade"/>).
/// </summary>
internal sealed class ActionsServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ActionsServer(WebApplication app, string endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    /// <summary><c>http://127.0.0.1:port</c>, as the executor puts it in <c>_U_EP_OVERRIDE</c>.</summary>
    public string Endpoint { get; }

    public int Port => new Uri(Endpoint).Port;

    /// <summary>
    /// Starts on a free port. A test that restarts its control plane "at the same address" puts a
    /// <see cref="SwitchableForwarder"/> in front rather than binding a freed port again.
    /// </summary>
    public static async Task<ActionsServer> StartAsync(FakeActionsService service)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        // Stopping cuts watches still open after a moment instead of waiting for them, as a restarting control plane does.
        builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(1));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(service);
        builder.Services.AddSingleton<QueueStateFacade.Queue>();
        builder.Services.AddSingleton<QueueStateFacade.State>();
        var app = builder.Build();
        app.MapGrpcService<FakeActionsService>();
        app.MapGrpcService<QueueStateFacade.Queue>();
        app.MapGrpcService<QueueStateFacade.State>();
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new ActionsServer(app, address);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
