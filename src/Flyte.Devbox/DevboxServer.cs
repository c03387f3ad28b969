using Flyte.Images;
using System.Net;
using Flyte.Devbox.Auth;
using Flyte.Devbox.Connect;
using Flyte.Devbox.Execution;
using Flyte.Devbox.Runs;
using Flyte.Devbox.Services;
using Flyte.Devbox.State;
using Flyte.Devbox.Storage;
using Flyte.Devbox.WebConsole;
using Grpc.AspNetCore.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Flyte.Devbox;

/// <summary>
/// A Flyte 2 control plane in this process, on one port (loopback unless authentication is on): TaskService,
/// RunService, ActionsService (and the rest as they come), state in SQLite under the data folder, run data in that
/// folder or an S3 bucket, and the executor running actions as a0 processes. With <see cref="DevboxOptions.Auth"/>,
/// every call but AuthMetadataService's needs a bearer token from the issuer (docs/devbox-auth.md).
/// </summary>
public sealed class DevboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DevboxServer(WebApplication app, string endpoint, DevboxStorage storage)
    {
        _app = app;
        Endpoint = endpoint;
        Storage = storage;
    }

    /// <summary>
    /// <c>http://&lt;address&gt;:&lt;port&gt;</c>: what clients and a0's controller dial (plaintext); 127.0.0.1 when the
    /// devbox listens on loopback or on every address.
    /// </summary>
    public string Endpoint { get; }

    /// <summary>Where the run data is: the data folder's store or an S3 bucket.</summary>
    public DevboxStorage Storage { get; }

    public IServiceProvider Services => _app.Services;

    /// <exception cref="DevboxStorageException">The S3 storage asked for lacks a setting or cannot be reached.</exception>
    /// <exception cref="DevboxAuthException">
    /// A non-loopback address without authentication, or an issuer that is not https (off loopback), cannot be reached or serves no discovery document.
    /// </exception>
    public static async Task<DevboxServer> StartAsync(DevboxOptions options, Action<ILoggingBuilder>? logging = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Auth is null && !IPAddress.IsLoopback(options.ListenAddress))
        {
            throw new DevboxAuthException($"the devbox listens on {options.ListenAddress} only with authentication (an OpenID Connect issuer); without it, on loopback only");
        }
        var issuerMetadata = options.Auth is { } auth ? await IssuerMetadata.FetchAsync(auth.Issuer, cancellationToken).ConfigureAwait(false) : null;
        var paths = new DevboxPaths(options.DataDirectory);
        Directory.CreateDirectory(paths.DataDirectory);
        var address = new DevboxAddress();
        DevboxStorage storage = options.S3 is { } s3
            ? await S3BucketStorage.OpenAsync(s3, cancellationToken).ConfigureAwait(false)
            : new FolderStorage(new DevboxObjectStore(paths.StoreRoot), new SignedUrls(SigningKeyFile.LoadOrCreate(paths.SigningKey), () => address.Value, options.TimeProvider));
        try
        {
            return await StartAsync(options, issuerMetadata, paths, address, storage, logging, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            storage.Dispose();
            throw;
        }
    }

    private static async Task<DevboxServer> StartAsync(DevboxOptions options, Flyteidl2.Auth.GetOAuth2MetadataResponse? issuerMetadata, DevboxPaths paths,
        DevboxAddress address, DevboxStorage storage, Action<ILoggingBuilder>? logging, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        logging?.Invoke(builder.Logging);
        builder.WebHost.ConfigureKestrel(kestrel =>
            // gRPC (HTTP/2 without TLS) and the signed storage URLs (HTTP/1.1) share the one port.
            kestrel.Listen(options.ListenAddress, options.Port, listen => listen.UseCleartextHttp2Detection()));
        builder.Services.AddGrpc(grpc => grpc.Interceptors.Add<ErrorBoundary>());
        builder.Services.AddConnect();
        if (options.Auth is { } auth)
        {
            builder.Services.AddDevboxAuthentication(auth);
            builder.Services.AddSingleton(auth);
            builder.Services.AddSingleton(issuerMetadata!);
        }
        builder.Services.AddSingleton(PodVariables.For(options));
        builder.Services.AddSingleton(new ImageCheck(options));
        builder.Services.AddSingleton(storage);
        if (storage is FolderStorage folder)
        {
            builder.Services.AddSingleton(folder.Store);
            builder.Services.AddSingleton(folder.Urls);
        }
        builder.Services.AddSingleton(paths);
        builder.Services.AddSingleton(_ => DevboxDatabase.Open(paths.Database));
        builder.Services.AddSingleton(new Secrets.SecretCipher(SigningKeyFile.LoadOrCreate(paths.SecretsKey, "secrets key", "secrets stored earlier can no longer be read: create them again")));
        builder.Services.AddSingleton(options.TimeProvider);
        builder.Services.AddSingleton<ActionFeed>();
        builder.Services.AddSingleton<RunBook>();
        builder.Services.AddSingleton<IArtifactLocator, DevboxArtifacts>();
        builder.Services.AddSingleton(ResourcePool.ForThisMachine(options.MaxConcurrentActions));
        // system/build-image runs inside the devbox, on the Docker engine; every other attempt goes to the launcher.
        builder.Services.AddSingleton<IActionLauncher>(new ImageBuilds.ImageBuildLauncher(options.Launcher ?? new ProcessLauncher(options.A0Command), storage,
            new ImageSpecBuilder(new DockerImageBuilder())));
        builder.Services.AddSingleton<Execution.Workers.WorkerPools>();
        builder.Services.AddSingleton(address);
        builder.Services.AddSingleton<ActionExecutor>();
        builder.Services.AddSingleton<ChildActions>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ActionExecutor>());
        builder.Services.AddSingleton<RunStarter>();
        builder.Services.AddSingleton(services => ActivatorUtilities.CreateInstance<Triggers.TriggerScheduler>(services, options.MaxTriggerCatchUpRuns));
        builder.Services.AddHostedService(services => services.GetRequiredService<Triggers.TriggerScheduler>());

        var app = builder.Build();
        // The remote image builder's task (flyte-sdk's and RemoteImageBuilder's system/build-image), deployed on every start.
        ImageBuilds.BuildImageTask.Deploy(app.Services.GetRequiredService<DevboxDatabase>(), org: "", options.TimeProvider.GetUtcNow());
        // Browsers and other HTTP/1.1-only clients speak gRPC-Web; every service answers it too.
        app.UseGrpcWeb(new GrpcWebOptions { DefaultEnabled = true });
        // And the Connect protocol, as connect-go serves it (docs/connect.md).
        app.MapConnect();
        if (options.Auth is { } required)
        {
            app.UseBearerTokenGate(required);
            app.MapGrpcServiceParsingRequests<AuthMetadataServiceImpl>(Flyteidl2.Auth.AuthMetadataService.Descriptor, Flyteidl2.Auth.AuthMetadataService.BindService);
        }
        // A request body that is not the method's message fails INTERNAL naming the message, not UNKNOWN "Exception was thrown by handler.".
        app.MapGrpcServiceParsingRequests<TaskServiceImpl>(Flyteidl2.Task.TaskService.Descriptor, Flyteidl2.Task.TaskService.BindService);
        app.MapGrpcServiceParsingRequests<RunServiceImpl>(Flyteidl2.Workflow.RunService.Descriptor, Flyteidl2.Workflow.RunService.BindService);
        app.MapGrpcServiceParsingRequests<ActionsServiceImpl>(Flyteidl2.Actions.ActionsService.Descriptor, Flyteidl2.Actions.ActionsService.BindService);
        app.MapGrpcServiceParsingRequests<QueueServiceImpl>(Flyteidl2.Workflow.QueueService.Descriptor, Flyteidl2.Workflow.QueueService.BindService);
        app.MapGrpcServiceParsingRequests<StateServiceImpl>(Flyteidl2.Workflow.StateService.Descriptor, Flyteidl2.Workflow.StateService.BindService);
        app.MapGrpcServiceParsingRequests<ProjectServiceImpl>(Flyteidl2.Project.ProjectService.Descriptor, Flyteidl2.Project.ProjectService.BindService);
        app.MapGrpcServiceParsingRequests<DataProxyServiceImpl>(Flyteidl2.Dataproxy.DataProxyService.Descriptor, Flyteidl2.Dataproxy.DataProxyService.BindService);
        app.MapGrpcServiceParsingRequests<Secrets.SecretServiceImpl>(Flyteidl2.Secret.SecretService.Descriptor, Flyteidl2.Secret.SecretService.BindService);
        app.MapGrpcServiceParsingRequests<Triggers.TriggerServiceImpl>(Flyteidl2.Trigger.TriggerService.Descriptor, Flyteidl2.Trigger.TriggerService.BindService);
        if (storage is FolderStorage served)
        {
            // With S3 storage, clients upload to S3 itself: the devbox serves no objects.
            app.MapDevboxStorage(served.Store, served.Urls);
        }
        app.MapDevboxConsole();
        // Any other HTTP request (gRPC to an unknown method is UNIMPLEMENTED, answered by Grpc.AspNetCore) gets a line
        // saying what is served, not an empty 404.
        // "{**path}": the default fallback pattern leaves out paths that look like file names.
        app.MapFallback("{**path}", context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.ContentType = "text/plain; charset=utf-8";
            return context.Response.WriteAsync(
                $"Nothing is served at {context.Request.Method} {Flyte.Devbox.Services.Shown.Value(context.Request.Path.Value)}: the devbox serves its console at /, gRPC, gRPC-Web and Connect, and signed /storage/ URLs.\n",
                context.RequestAborted);
        });

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        address.Set($"http://{DialAddress(options.ListenAddress)}:{bound.Port}");
        return new DevboxServer(app, address.Value, storage);
    }

    /// <summary>Where this machine's clients and a0 reach an address the devbox listens on: loopback for every address.</summary>
    private static string DialAddress(IPAddress listen) =>
        listen.Equals(IPAddress.Any) || listen.Equals(IPAddress.IPv6Any) || listen.Equals(IPAddress.Loopback) ? "127.0.0.1"
        : listen.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{listen}]"
        : listen.ToString();

    public async Task StopAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        Storage.Dispose();
    }
}
