using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Flyte.Devbox.Tests.Client;

/// <summary>Serves a <see cref="ScriptedRunService"/> and a <see cref="ScriptedDataProxy"/> over real gRPC (HTTP/2 cleartext) on a free loopback port.</summary>
internal sealed class ScriptedServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ScriptedServer(WebApplication app, string endpoint, ScriptedRunService runs, ScriptedDataProxy dataProxy)
    {
        _app = app;
        Endpoint = endpoint;
        Runs = runs;
        DataProxy = dataProxy;
    }

    public string Endpoint { get; }

    public ScriptedRunService Runs { get; }

    public ScriptedDataProxy DataProxy { get; }

    public static async Task<ScriptedServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        var runs = new ScriptedRunService();
        var dataProxy = new ScriptedDataProxy();
        builder.Services.AddSingleton(runs);
        builder.Services.AddSingleton(dataProxy);
        var app = builder.Build();
        app.MapGrpcService<ScriptedRunService>();
        app.MapGrpcService<ScriptedDataProxy>();
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new ScriptedServer(app, address, runs, dataProxy);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
