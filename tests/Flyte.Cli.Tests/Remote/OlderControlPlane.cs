using System.Collections.Concurrent;
using System.Net;
using Flyteidl2.Common;
using Flyteidl2.Dataproxy;
using Flyteidl2.Workflow;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using GetActionDataRequest = Flyteidl2.Workflow.GetActionDataRequest;
using GetActionDataResponse = Flyteidl2.Workflow.GetActionDataResponse;

namespace Flyte.Cli.Tests.Remote;

/// <summary>
/// A control plane from before DataProxyService.GetActionData, over real gRPC on a free loopback port: RunService says
/// every run succeeded and serves its outputs through its own (older) GetActionData. Without a data proxy the server
/// answers UNIMPLEMENTED for the whole service, as one that never had it; with <see cref="RefusingDataProxy"/> the
/// service is there and its GetActionData answers the status given. For testing the client against answers the
/// devbox never gives.
/// </summary>
internal sealed class OlderControlPlane : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OlderControlPlane(WebApplication app, string endpoint, SucceededRuns runs, RefusingDataProxy? dataProxy)
    {
        _app = app;
        Endpoint = endpoint;
        Runs = runs;
        DataProxy = dataProxy;
    }

    public string Endpoint { get; }

    public SucceededRuns Runs { get; }

    public RefusingDataProxy? DataProxy { get; }

    /// <param name="outputs">What RunService.GetActionData answers for any action.</param>
    /// <param name="dataProxyAnswer">What DataProxyService.GetActionData answers; null for no DataProxyService at all.</param>
    public static async Task<OlderControlPlane> StartAsync(Flyteidl2.Task.Outputs outputs, Status? dataProxyAnswer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        var runs = new SucceededRuns(outputs);
        builder.Services.AddSingleton(runs);
        var dataProxy = dataProxyAnswer is { } answer ? new RefusingDataProxy(answer) : null;
        if (dataProxy is not null)
        {
            builder.Services.AddSingleton(dataProxy);
        }
        var app = builder.Build();
        app.MapGrpcService<SucceededRuns>();
        if (dataProxy is not null)
        {
            app.MapGrpcService<RefusingDataProxy>();
        }
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new OlderControlPlane(app, address, runs, dataProxy);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>RunService: every run's root action succeeded; GetActionData answers the outputs given, and keeps each request.</summary>
    internal sealed class SucceededRuns(Flyteidl2.Task.Outputs outputs) : RunService.RunServiceBase
    {
        public ConcurrentQueue<ActionIdentifier> ActionDataRequests { get; } = new();

        public override Task<GetRunDetailsResponse> GetRunDetails(GetRunDetailsRequest request, ServerCallContext context) =>
            Task.FromResult(new GetRunDetailsResponse
            {
                Details = new RunDetails
                {
                    Action = new ActionDetails
                    {
                        Id = new ActionIdentifier { Run = request.RunId, Name = "a0" },
                        Status = new ActionStatus { Phase = ActionPhase.Succeeded },
                    },
                },
            });

#pragma warning disable CS0672 // the older control plane serves the call the newer one marks obsolete
        public override Task<GetActionDataResponse> GetActionData(GetActionDataRequest request, ServerCallContext context)
#pragma warning restore CS0672
        {
            ActionDataRequests.Enqueue(request.ActionId);
            return Task.FromResult(new GetActionDataResponse { Outputs = outputs });
        }
    }

    /// <summary>DataProxyService whose GetActionData answers a failure, and counts the calls.</summary>
    internal sealed class RefusingDataProxy(Status answer) : DataProxyService.DataProxyServiceBase
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public override Task<Flyteidl2.Dataproxy.GetActionDataResponse> GetActionData(Flyteidl2.Dataproxy.GetActionDataRequest request, ServerCallContext context)
        {
            Interlocked.Increment(ref _calls);
            throw new RpcException(answer);
        }
    }
}
