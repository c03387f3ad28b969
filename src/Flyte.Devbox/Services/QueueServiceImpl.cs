using Flyteidl2.Workflow;
using Grpc.Core;

namespace Flyte.Devbox.Services;

/// <summary>
/// QueueService, half of the API a parent's controller uses when not told <c>_U_USE_ACTIONS=1</c> (flyte-sdk's rule):
/// enqueue a child (a task, or a trace in field 11) and abort one, through <see cref="ChildActions"/> as ActionsService does. AbortQueuedRun is left
/// UNIMPLEMENTED: no controller calls it, and runs are aborted through RunService.
/// </summary>
public sealed class QueueServiceImpl(ChildActions children) : QueueService.QueueServiceBase
{
    public override async Task<EnqueueActionResponse> EnqueueAction(EnqueueActionRequest request, ServerCallContext context)
    {
        await children.EnqueueAsync(new ChildActions.Request(
            request.ActionId,
            request.HasParentActionName ? request.ParentActionName : null,
            request.InputUri,
            request.RunOutputBase,
            request.Group,
            request.SpecCase == EnqueueActionRequest.SpecOneofCase.Task ? request.Task : null,
            request.SpecCase == EnqueueActionRequest.SpecOneofCase.Trace ? request.Trace : null), context.CancellationToken).ConfigureAwait(false);
        return new EnqueueActionResponse();
    }

    public override Task<AbortQueuedActionResponse> AbortQueuedAction(AbortQueuedActionRequest request, ServerCallContext context)
    {
        children.Abort(request.ActionId);
        return Task.FromResult(new AbortQueuedActionResponse());
    }
}
