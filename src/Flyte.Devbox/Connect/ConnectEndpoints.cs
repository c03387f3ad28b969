using Flyte.Devbox.Services;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Primitives;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Flyte.Devbox.Connect;

/// <summary>
/// The Connect endpoints of the devbox: <c>POST /{service}/{method}</c> for each method of each service that
/// <see cref="ParsedRequests"/> maps for gRPC, which registers the service here with the very implementation gRPC
/// calls; and one endpoint answering unimplemented for any other <c>/{service}/{method}</c>. They are built on first
/// use, once the app has mapped every service.
/// </summary>
internal sealed class ConnectEndpoints(IServiceProvider services) : EndpointDataSource
{
    private readonly Lock _lock = new();
    private readonly List<(ServiceDescriptor Descriptor, Action<ServiceBinderBase> Bind)> _services = [];
    private IReadOnlyList<Endpoint>? _endpoints;

    /// <param name="bind">Binds the implementation: its generated <c>BindService</c> with the instance gRPC serves.</param>
    public void Add(ServiceDescriptor descriptor, Action<ServiceBinderBase> bind)
    {
        lock (_lock)
        {
            if (_endpoints is not null)
            {
                throw new InvalidOperationException($"{descriptor.FullName} was mapped after the Connect endpoints were built: map every service before the app starts.");
            }
            _services.Add((descriptor, bind));
        }
    }

    public override IReadOnlyList<Endpoint> Endpoints
    {
        get
        {
            lock (_lock)
            {
                return _endpoints ??= Build();
            }
        }
    }

    public override IChangeToken GetChangeToken() => Microsoft.Extensions.FileProviders.NullChangeToken.Singleton;

    private List<Endpoint> Build()
    {
        var settings = ConnectCallSettings.From(services, _services.Select(service => service.Descriptor.File));
        var endpoints = new List<Endpoint>();
        foreach (var (descriptor, bind) in _services)
        {
            var binder = new ConnectServiceBinder(descriptor, settings);
            bind(binder);
            foreach (var (name, handle) in binder.Methods)
            {
                endpoints.Add(Endpoint($"/{descriptor.FullName}/{name}", handle, new ConnectEndpointMetadata(descriptor.FullName)));
            }
        }
        // A literal route wins over this one, so it only answers what no method's endpoint does.
        endpoints.Add(Endpoint("/{service}/{method}", UnimplementedAsync, new ConnectEndpointMetadata(ServiceName: null)));
        return endpoints;
    }

    private static Endpoint Endpoint(string pattern, RequestDelegate handle, ConnectEndpointMetadata metadata) =>
        new RouteEndpointBuilder(handle, RoutePatternFactory.Parse(pattern), order: 0)
        {
            DisplayName = $"Connect {pattern}",
            Metadata = { metadata },
        }.Build();

    private static Task UnimplementedAsync(HttpContext http) =>
        ConnectErrorResponse.WriteAsync(http, new Status(StatusCode.Unimplemented,
            $"{Shown.Value(http.Request.Path.Value?.TrimStart('/'))} is not implemented: the devbox serves no such method"));
}
