using Flyteidl2.Actions;
using Flyteidl2.Workflow;
using Grpc.Core;

namespace Flyte.Devbox.Services;

/// <summary>
/// ActionsService, the API a running parent's controller uses when told <c>_U_USE_ACTIONS=1</c> (as the open-source
/// backend tells its pods): the calls of <see cref="ChildActions"/> in ActionsService's messages.
/// </summary>
public sealed class ActionsServiceImpl(ChildActions children) : ActionsService.ActionsServiceBase
{
    public override async Task<EnqueueResponse> Enqueue(EnqueueRequest request, ServerCallContext context)
    {
        var action = request.Action ?? throw new RpcException(new Status(StatusCode.InvalidArgument, "action is required"));
        await children.EnqueueAsync(new ChildActions.Request(
            action.ActionId,
            action.HasParentActionName ? action.ParentActionName : null,
            action.InputUri,
            action.RunOutputBase,
            action.Group,
            action.SpecCase == Flyteidl2.Actions.Action.SpecOneofCase.Task ? action.Task : null,
            action.SpecCase == Flyteidl2.Actions.Action.SpecOneofCase.Trace ? action.Trace : null), context.CancellationToken).ConfigureAwait(false);
        return new EnqueueResponse();
    }

    public override Task WatchForUpdates(WatchForUpdatesRequest request, IServerStreamWriter<WatchForUpdatesResponse> responseStream, ServerCallContext context) =>
        children.WatchAsync(
            request.FilterCase == WatchForUpdatesRequest.FilterOneofCase.ParentActionId ? request.ParentActionId : null,
            update => responseStream.WriteAsync(new WatchForUpdatesResponse { ActionUpdate = update }, context.CancellationToken),
            () => responseStream.WriteAsync(new WatchForUpdatesResponse { ControlMessage = new ControlMessage { Sentinel = true } }, context.CancellationToken),
            context.CancellationToken);

    public override Task<AbortResponse> Abort(AbortRequest request, ServerCallContext context)
    {
        children.Abort(request.ActionId);
        return Task.FromResult(new AbortResponse());
    }
}
