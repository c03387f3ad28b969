using System.Net;
using Flyte.Devbox.Storage;
using Flyteidl2.Dataproxy;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Flyte.Devbox.Tests.Storage;

/// <summary>
/// DataProxyService and the storage endpoints in a real Kestrel server on 127.0.0.1 and a free port, over a fresh data
/// folder, with a gRPC client and a plain HTTP/1.1 client pointed at it.
/// </summary>
internal sealed class StorageServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly GrpcChannel _channel;

    private StorageServer(WebApplication app, string dataDirectory, DevboxObjectStore store, SignedUrls urls, string baseAddress)
    {
        _app = app;
        DataDirectory = dataDirectory;
        Store = store;
        Urls = urls;
        BaseAddress = baseAddress;
        _channel = GrpcChannel.ForAddress(baseAddress);
        DataProxy = new DataProxyService.DataProxyServiceClient(_channel);
    }

    public string DataDirectory { get; }

    public DevboxObjectStore Store { get; }

    public SignedUrls Urls { get; }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;</c>.</summary>
    public string BaseAddress { get; }

    public DataProxyService.DataProxyServiceClient DataProxy { get; }

    /// <summary>An ordinary client: HTTP/1.1, as curl or a Python uploader would send.</summary>
    public HttpClient Http { get; } = new();

    /// <param name="listen">How the endpoint is set up; by default HTTP/1.1 and cleartext HTTP/2 side by side, as the devbox serves them.</param>
    public static async Task<StorageServer> StartAsync(IArtifactLocator? artifacts = null, Action<ListenOptions>? listen = null)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "flyte-devbox-storage-tests", Guid.NewGuid().ToString("N"));
        var store = new DevboxObjectStore(Path.Combine(dataDirectory, "objects"));
        string baseAddress = "";
        var urls = new SignedUrls(SigningKeyFile.LoadOrCreate(Path.Combine(dataDirectory, "signing.key")), () => baseAddress);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen ?? (options => options.UseCleartextHttp2Detection())));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(new DataProxyServiceImpl(store, urls, artifacts));
        var app = builder.Build();
        app.MapGrpcService<DataProxyServiceImpl>();
        app.MapDevboxStorage(store, urls);
        await app.StartAsync();

        baseAddress = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new StorageServer(app, dataDirectory, store, urls, baseAddress);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        _channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean; no test depends on it.
        }
    }
}
