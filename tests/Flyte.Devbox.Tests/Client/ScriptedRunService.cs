using Flyteidl2.Workflow;
using Grpc.Core;

namespace Flyte.Devbox.Tests.Client;

/// <summary>
/// A RunService that answers from a script: the n-th WatchRunDetails or
/// WatchActions call sends the n-th list of messages and then ends the stream, as a server or a proxy cutting a watch
/// would; later calls repeat the last list. For testing the client layer against answers the devbox never gives.
/// </summary>
internal sealed class ScriptedRunService : RunService.RunServiceBase
{
    private int _runWatches;
    private int _actionWatches;

    public List<List<RunDetails>> RunDetailsStreams { get; } = [];

    public List<List<WatchActionsResponse>> ActionStreams { get; } = [];

    /// <summary>What GetRunDetails answers.</summary>
    public RunDetails Current { get; set; } = new();

    public int RunWatches => Volatile.Read(ref _runWatches);

    public int ActionWatches => Volatile.Read(ref _actionWatches);

    public override Task<GetRunDetailsResponse> GetRunDetails(GetRunDetailsRequest request, ServerCallContext context) =>
        Task.FromResult(new GetRunDetailsResponse { Details = Current });

    public override async Task WatchRunDetails(WatchRunDetailsRequest request, IServerStreamWriter<WatchRunDetailsResponse> responseStream, ServerCallContext context)
    {
        int call = Interlocked.Increment(ref _runWatches) - 1;
        foreach (var details in RunDetailsStreams[Math.Min(call, RunDetailsStreams.Count - 1)])
        {
            await responseStream.WriteAsync(new WatchRunDetailsResponse { Details = details }, context.CancellationToken);
        }
    }

    public override async Task WatchActions(WatchActionsRequest request, IServerStreamWriter<WatchActionsResponse> responseStream, ServerCallContext context)
    {
        int call = Interlocked.Increment(ref _actionWatches) - 1;
        foreach (var response in ActionStreams[Math.Min(call, ActionStreams.Count - 1)])
        {
            await responseStream.WriteAsync(response, context.CancellationToken);
        }
    }
}
