using Flyteidl2.Actions;
using Flyteidl2.Common;
using Flyteidl2.Workflow;
using Grpc.Core;

namespace Flyte.Runtime.Controller;

/// <summary>
/// The children of a parent through <c>QueueService</c> (EnqueueAction, AbortQueuedAction) and <c>StateService</c>
/// (Watch), the pair flyte-sdk's controller uses when <c>_U_USE_ACTIONS</c> is not "1". The messages carry the same
/// fields as <c>ActionsService</c>'s, and the watch's updates are the same type, so the controller reads both alike.
/// flyte-sdk sends these calls no <c>x-actions-*</c> headers, and neither does a0 (docs/children.md).
/// </summary>
internal sealed class QueueStateApi(CallInvoker invoker) : IChildActionsApi
{
    private readonly QueueService.QueueServiceClient _queue = new(invoker);
    private readonly StateService.StateServiceClient _state = new(invoker);

    public string Name => "QueueService and StateService";

    public async Task EnqueueAsync(Flyteidl2.Actions.Action action, CancellationToken cancellationToken)
    {
        var request = new EnqueueActionRequest
        {
            ActionId = action.ActionId,
            InputUri = action.InputUri,
            RunOutputBase = action.RunOutputBase,
            Group = action.Group,
            Subject = action.Subject,
            Task = action.Task,
        };
        if (action.HasParentActionName)
        {
            request.ParentActionName = action.ParentActionName;
        }
        await _queue.EnqueueActionAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public ChildUpdateStream Watch(ActionIdentifier parent, CancellationToken cancellationToken)
    {
        var call = _state.Watch(new WatchRequest { ParentActionId = parent }, cancellationToken: cancellationToken);
        return new ChildUpdateStream(new AsActionsUpdates(call.ResponseStream), call);
    }

    public async Task AbortAsync(ActionIdentifier action, string reason, CancellationToken cancellationToken) =>
        await _queue.AbortQueuedActionAsync(new AbortQueuedActionRequest { ActionId = action, Reason = reason }, cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <summary>StateService's watch messages as ActionsService's: the same update and control message, another envelope.</summary>
    private sealed class AsActionsUpdates(IAsyncStreamReader<WatchResponse> inner) : IAsyncStreamReader<WatchForUpdatesResponse>
    {
        public WatchForUpdatesResponse Current { get; private set; } = new();

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            if (!await inner.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
            var message = inner.Current;
            Current = message.MessageCase switch
            {
                WatchResponse.MessageOneofCase.ActionUpdate => new WatchForUpdatesResponse { ActionUpdate = message.ActionUpdate },
                WatchResponse.MessageOneofCase.ControlMessage => new WatchForUpdatesResponse { ControlMessage = message.ControlMessage },
                _ => new WatchForUpdatesResponse(),
            };
            return true;
        }
    }
}
