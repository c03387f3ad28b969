using Flyteidl2.Actions;
using Flyteidl2.Workflow;
using Grpc.Core;
using Action = Flyteidl2.Actions.Action;

namespace Flyte.Runtime.Tests.ControlPlane;

/// <summary>
/// QueueService and StateService in front of a <see cref="FakeActionsService"/>: the pair a control plane offers pods
/// that do not use ActionsService (docs/children.md). Same actions, same faults, other envelopes, so a test runs the
/// controller through either API against one fake.
/// </summary>
internal static class QueueStateFacade
{
    internal sealed class Queue(FakeActionsService actions) : QueueService.QueueServiceBase
    {
        public override async Task<EnqueueActionResponse> EnqueueAction(EnqueueActionRequest request, ServerCallContext context)
        {
            var action = new Action
            {
                ActionId = request.ActionId,
                InputUri = request.InputUri,
                RunOutputBase = request.RunOutputBase,
                Group = request.Group,
                Subject = request.Subject,
                Task = request.Task,
            };
            if (request.HasParentActionName)
            {
                action.ParentActionName = request.ParentActionName;
            }
            await actions.Enqueue(new EnqueueRequest { Action = action }, context);
            return new EnqueueActionResponse();
        }

        public override async Task<AbortQueuedActionResponse> AbortQueuedAction(AbortQueuedActionRequest request, ServerCallContext context)
        {
            await actions.Abort(new AbortRequest { ActionId = request.ActionId, Reason = request.Reason }, context);
            return new AbortQueuedActionResponse();
        }
    }

    internal sealed class State(FakeActionsService actions) : StateService.StateServiceBase
    {
        public override Task Watch(WatchRequest request, IServerStreamWriter<WatchResponse> responseStream, ServerCallContext context) =>
            actions.WatchForUpdates(new WatchForUpdatesRequest { ParentActionId = request.ParentActionId }, new AsWatchResponses(responseStream), context);
    }

    /// <summary>ActionsService's watch messages written as StateService's: the same update or control message.</summary>
    private sealed class AsWatchResponses(IServerStreamWriter<WatchResponse> inner) : IServerStreamWriter<WatchForUpdatesResponse>
    {
        public WriteOptions? WriteOptions
        {
            get => inner.WriteOptions;
            set => inner.WriteOptions = value;
        }

        public Task WriteAsync(WatchForUpdatesResponse message) => WriteAsync(message, CancellationToken.None);

        public Task WriteAsync(WatchForUpdatesResponse message, CancellationToken cancellationToken) =>
            inner.WriteAsync(message.MessageCase == WatchForUpdatesResponse.MessageOneofCase.ControlMessage
                ? new WatchResponse { ControlMessage = message.ControlMessage }
                : new WatchResponse { ActionUpdate = message.ActionUpdate }, cancellationToken);
    }
}
