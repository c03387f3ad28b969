using System.Net;
using Flyte.Devbox.Execution;
using Flyte.Devbox.Runs;
using Flyte.Devbox.Services;
using Flyte.Devbox.State;
using Flyte.Devbox.Storage;
using Grpc.AspNetCore.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Flyte.Devbox;

/// <summary>
/// A Flyte 2 control plane in this process, on one loopback port: TaskService, RunService, ActionsService (and the
/// rest as they come), state in SQLite under the data folder, and the executor running actions as a0 processes.
/// </summary>
public sealed class DevboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DevboxServer(WebApplication app, string endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;</c>: what clients and a0's controller dial (plaintext).</summary>
    public string Endpoint { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<DevboxServer> StartAsync(DevboxOptions options, Action<ILoggingBuilder>? logging = null, CancellationToken cancellationToken = default)
    {
        var paths = new DevboxPaths(options.DataDirectory);
        Directory.CreateDirectory(paths.DataDirectory);
        var address = new DevboxAddress();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        logging?.Invoke(builder.Logging);
        builder.WebHost.ConfigureKestrel(kestrel =>
            // gRPC (HTTP/2 without TLS) and the signed storage URLs (HTTP/1.1) share the one port.
            kestrel.Listen(IPAddress.Loopback, options.Port, listen => listen.UseCleartextHttp2Detection()));
        builder.Services.AddGrpc();
        var store = new DevboxObjectStore(paths.StoreRoot);
        var urls = new SignedUrls(SigningKeyFile.LoadOrCreate(paths.SigningKey), () => address.Value);
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(urls);
        builder.Services.AddSingleton(paths);
        builder.Services.AddSingleton(_ => DevboxDatabase.Open(paths.Database));
        builder.Services.AddSingleton<ActionFeed>();
        builder.Services.AddSingleton<RunBook>();
        builder.Services.AddSingleton(ResourcePool.ForThisMachine(options.MaxConcurrentActions));
        builder.Services.AddSingleton(options.Launcher ?? new ProcessLauncher(options.A0Command));
        builder.Services.AddSingleton(address);
        builder.Services.AddSingleton<ActionExecutor>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ActionExecutor>());

        var app = builder.Build();
        // Browsers and other HTTP/1.1-only clients speak gRPC-Web; every service answers it too.
        app.UseGrpcWeb(new GrpcWebOptions { DefaultEnabled = true });
        app.MapGrpcService<TaskServiceImpl>();
        app.MapGrpcService<RunServiceImpl>();
        app.MapGrpcService<ActionsServiceImpl>();
        app.MapGrpcService<ProjectServiceImpl>();
        app.MapGrpcService<DataProxyServiceImpl>();
        app.MapDevboxStorage(store, urls);

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        string bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        address.Set(bound.Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        return new DevboxServer(app, address.Value);
    }

    public async Task StopAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
