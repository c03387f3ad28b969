using Flyteidl2.Workflow;
using Grpc.Core;

namespace Flyte.Devbox.Services;

/// <summary>
/// StateService, the other half of the API a parent's controller uses when not told <c>_U_USE_ACTIONS=1</c>: Watch,
/// through <see cref="ChildActions"/> as ActionsService's WatchForUpdates. Put and Get are left UNIMPLEMENTED: no
/// controller of either SDK calls them.
/// </summary>
public sealed class StateServiceImpl(ChildActions children) : StateService.StateServiceBase
{
    public override Task Watch(WatchRequest request, IServerStreamWriter<WatchResponse> responseStream, ServerCallContext context) =>
        children.WatchAsync(
            request.FilterCase == WatchRequest.FilterOneofCase.ParentActionId ? request.ParentActionId : null,
            update => responseStream.WriteAsync(new WatchResponse { ActionUpdate = update }, context.CancellationToken),
            () => responseStream.WriteAsync(new WatchResponse { ControlMessage = new ControlMessage { Sentinel = true } }, context.CancellationToken),
            context.CancellationToken);
}
