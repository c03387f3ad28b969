using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;

namespace Flyte.Devbox.Connect;

/// <summary>
/// Chooses between a method's gRPC endpoint and its Connect endpoint, which share the route <c>/{service}/{method}</c>,
/// by the request: a POST with a Connect content type (<see cref="ConnectContentType"/>) goes to Connect, anything
/// else keeps to what was there before (gRPC and gRPC-Web, their 415 for other content types, the storage URLs, the
/// fallback). The Connect endpoints take no HTTP method metadata, as Grpc.AspNetCore's unimplemented endpoints take
/// none, so that a GET on their routes is not answered 405 by routing.
/// </summary>
internal sealed class ConnectMatcherPolicy : MatcherPolicy, IEndpointSelectorPolicy
{
    public override int Order => 0;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) =>
        endpoints.Any(endpoint => endpoint.Metadata.GetMetadata<ConnectEndpointMetadata>() is not null);

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        bool connect = HttpMethods.IsPost(httpContext.Request.Method) && ConnectContentType.Parse(httpContext.Request.ContentType) is not null;
        for (int i = 0; i < candidates.Count; i++)
        {
            if (!candidates.IsValidCandidate(i))
            {
                continue;
            }
            var metadata = candidates[i].Endpoint.Metadata;
            bool connectEndpoint = metadata.GetMetadata<ConnectEndpointMetadata>() is not null;
            bool grpcEndpoint = metadata.GetMetadata<GrpcMethodMetadata>() is not null;
            if ((connectEndpoint && !connect) || (grpcEndpoint && connect))
            {
                candidates.SetValidity(i, false);
            }
        }
        return Task.CompletedTask;
    }
}
