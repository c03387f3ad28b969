using Flyte.Devbox.Execution;
using Flyte.Devbox.Runs;
using Flyte.Devbox.State;
using Flyteidl2.Actions;
using Flyteidl2.Common;
using Flyteidl2.Workflow;
using Google.Protobuf;
using Grpc.Core;

namespace Flyte.Devbox.Services;

/// <summary>
/// ActionsService, what a running parent's controller talks to: Enqueue stores the child, WatchForUpdates replays the
/// parent's children, sends the sentinel, then streams their changes; Abort stops one action. A task action the run
/// already has is refused as Flyte's backend refuses it, INTERNAL with Kubernetes' "already exists" in the message, not
/// ALREADY_EXISTS, so a0 is tested against the answer a cluster gives (docs/children.md).
/// </summary>
public sealed class ActionsServiceImpl(RunBook runs, ActionExecutor executor) : ActionsService.ActionsServiceBase
{
    public override Task<EnqueueResponse> Enqueue(EnqueueRequest request, ServerCallContext context)
    {
        var action = request.Action ?? throw Invalid("action is required");
        if (action.SpecCase != Flyteidl2.Actions.Action.SpecOneofCase.Task || action.Task.Spec?.TaskTemplate is null)
        {
            throw Invalid("only task actions are supported: action.task with a spec carrying a task_template");
        }
        var key = Keys.Action(action.ActionId);
        var run = runs.Database.GetRun(key.Run) ?? throw new RpcException(new Status(StatusCode.NotFound, $"run {key.Run.Name} does not exist"));
        if (RunBook.IsTerminal(run.Phase))
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"run {key.Run.Name} has ended ({(ActionPhase)run.Phase}); it takes no new actions"));
        }
        if (string.IsNullOrEmpty(action.InputUri) || string.IsNullOrEmpty(action.RunOutputBase))
        {
            throw Invalid("input_uri and run_output_base are required");
        }
        var record = new ActionRecord(
            Key: key,
            ParentName: action.HasParentActionName ? action.ParentActionName : null,
            TaskName: action.Task.Id?.Name ?? action.Task.Spec.TaskTemplate.Id?.Name ?? "",
            TaskVersion: action.Task.Id?.Version ?? "",
            Spec: action.Task.Spec.ToByteArray(),
            InputUri: action.InputUri,
            RunOutputBase: action.RunOutputBase,
            Group: string.IsNullOrEmpty(action.Group) ? null : action.Group,
            CacheKey: action.Task.CacheKey,
            Phase: (int)ActionPhase.Queued,
            Attempts: 0,
            OutputUri: null,
            Error: null,
            CacheHit: false,
            AbortRequested: false,
            CreatedAt: DateTimeOffset.UtcNow,
            StartedAt: null,
            EndedAt: null,
            Revision: 0);
        if (record.ParentName is { } parent)
        {
            executor.ParentIsWaiting(key with { Name = parent });
        }
        if (!runs.TryEnqueue(record))
        {
            throw Existing(key);
        }
        return Task.FromResult(new EnqueueResponse());
    }

    public override async Task WatchForUpdates(WatchForUpdatesRequest request, IServerStreamWriter<WatchForUpdatesResponse> responseStream, ServerCallContext context)
    {
        if (request.FilterCase != WatchForUpdatesRequest.FilterOneofCase.ParentActionId)
        {
            throw Invalid("parent_action_id is required");
        }
        var parent = Keys.Action(request.ParentActionId);
        using var subscription = runs.Feed.Subscribe(parent.Run);
        foreach (var child in runs.Database.ListChildren(parent.Run, parent.Name))
        {
            await responseStream.WriteAsync(new WatchForUpdatesResponse { ActionUpdate = RecordMessages.ToUpdate(child) }, context.CancellationToken).ConfigureAwait(false);
        }
        await responseStream.WriteAsync(new WatchForUpdatesResponse { ControlMessage = new ControlMessage { Sentinel = true } }, context.CancellationToken).ConfigureAwait(false);
        try
        {
            await foreach (var change in subscription.Changes.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
            {
                if (change.ParentName == parent.Name)
                {
                    await responseStream.WriteAsync(new WatchForUpdatesResponse { ActionUpdate = RecordMessages.ToUpdate(change) }, context.CancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The parent closed its watch.
        }
    }

    public override Task<AbortResponse> Abort(AbortRequest request, ServerCallContext context)
    {
        var key = Keys.Action(request.ActionId);
        if (runs.Database.GetAction(key) is null)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"action {key.Name} of run {key.Run.Name} does not exist"));
        }
        executor.Abort(key);
        return Task.FromResult(new AbortResponse());
    }

    /// <summary>Upstream names the TaskAction resource <c>run-action</c> and passes on the API server's refusal.</summary>
    private static RpcException Existing(ActionKey key)
    {
        string resource = $"{key.Run.Name}-{key.Name}";
        return new RpcException(new Status(StatusCode.Internal,
            $"failed to create TaskAction CR {resource}: taskactions.flyte.org \"{resource}\" already exists"));
    }

    private static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));
}
