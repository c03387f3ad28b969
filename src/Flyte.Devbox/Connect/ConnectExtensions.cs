using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Flyte.Devbox.Connect;

/// <summary>Serves the Connect protocol beside gRPC and gRPC-Web, on the same port and services (docs/connect.md).</summary>
internal static class ConnectExtensions
{
    /// <summary>The Connect endpoints (every service mapped for gRPC registers there) and the policy that routes to them.</summary>
    public static IServiceCollection AddConnect(this IServiceCollection services)
    {
        services.AddSingleton<ConnectEndpoints>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, ConnectMatcherPolicy>());
        return services;
    }

    /// <summary>Adds the Connect endpoints; before or after the gRPC services are mapped, since they are built on first use.</summary>
    public static IEndpointRouteBuilder MapConnect(this IEndpointRouteBuilder endpoints)
    {
        endpoints.DataSources.Add(endpoints.ServiceProvider.GetRequiredService<ConnectEndpoints>());
        return endpoints;
    }
}
