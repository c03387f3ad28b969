using Flyte.Devbox.Execution;
using Flyte.Devbox.Runs;
using Flyte.Devbox.State;
using Flyteidl2.Common;
using Flyteidl2.Workflow;
using Google.Protobuf;
using Grpc.Core;

namespace Flyte.Devbox.Services;

/// <summary>
/// What a running parent's controller asks of the devbox about its children, whichever API it speaks (ActionsService,
/// or QueueService and StateService): enqueue one, watch them all (replay, sentinel, then changes), abort one. A task
/// action the run already has is refused as Flyte's backend refuses it, INTERNAL with Kubernetes' "already exists" in
/// the message, not ALREADY_EXISTS, so a0 is tested against the answer a cluster gives (docs/children.md); one whose
/// image is still a placeholder is refused as at deploy (<see cref="ImageCheck"/>).
/// </summary>
public sealed class ChildActions(RunBook runs, ActionExecutor executor, ImageCheck images)
{
    /// <summary>The fields of a child action, as both Enqueue messages carry them.</summary>
    public sealed record Request(ActionIdentifier? ActionId, string? ParentActionName, string InputUri, string RunOutputBase, string Group, TaskAction? Task);

    public void Enqueue(Request request)
    {
        if (request.ActionId is null)
        {
            throw Invalid("action_id is required");
        }
        if (request.Task?.Spec?.TaskTemplate is not { } template)
        {
            throw Invalid("only task actions are supported: a task action with a spec carrying a task_template");
        }
        var key = Keys.Action(request.ActionId);
        if (runs.Database.GetAction(key) is not null)
        {
            throw Existing(key);
        }
        // A parent's controller writes its children's specs in the pod: an image it left unresolved would fail the
        // child's pod on a cluster, so it is refused here as at deploy.
        images.Require(request.Task.Spec, request.Task.Id?.Name ?? template.Id?.Name ?? key.Name, "task.spec");
        if (runs.Database.GetRun(key.Run) is null)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"run {key.Run.Name} does not exist"));
        }
        if (string.IsNullOrEmpty(request.InputUri) || string.IsNullOrEmpty(request.RunOutputBase))
        {
            throw Invalid("input_uri and run_output_base are required");
        }
        var record = new ActionRecord(
            Key: key,
            ParentName: request.ParentActionName,
            TaskName: request.Task.Id?.Name ?? template.Id?.Name ?? "",
            TaskVersion: request.Task.Id?.Version ?? "",
            Spec: request.Task.Spec.ToByteArray(),
            InputUri: request.InputUri,
            RunOutputBase: request.RunOutputBase,
            Group: string.IsNullOrEmpty(request.Group) ? null : request.Group,
            CacheKey: request.Task.CacheKey,
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
        // Whether the run or the parent has ended is decided with the child's store, under the executor's gate.
        if (executor.TryEnqueueChild(record, out bool stored) is { } refusal)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, refusal));
        }
        // Not refused: the parent now waits on the child, new or already there, and gives back its slot meanwhile.
        if (record.ParentName is { } parent)
        {
            executor.ParentIsWaiting(key with { Name = parent });
        }
        if (!stored)
        {
            throw Existing(key);
        }
    }

    /// <summary>Writes the parent's children as they are, then the sentinel, then every change until the caller leaves.</summary>
    public async Task WatchAsync(ActionIdentifier? parentId, Func<ActionUpdate, Task> writeUpdate, Func<Task> writeSentinel, CancellationToken cancellationToken)
    {
        if (parentId is null)
        {
            throw Invalid("parent_action_id is required");
        }
        var parent = Keys.Action(parentId);
        using var subscription = runs.Feed.Subscribe(parent.Run);
        foreach (var child in runs.Database.ListChildren(parent.Run, parent.Name))
        {
            await writeUpdate(RecordMessages.ToUpdate(child)).ConfigureAwait(false);
        }
        await writeSentinel().ConfigureAwait(false);
        try
        {
            await foreach (var change in subscription.Changes.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (change.ParentName == parent.Name)
                {
                    await writeUpdate(RecordMessages.ToUpdate(change)).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The parent closed its watch.
        }
    }

    public void Abort(ActionIdentifier? actionId)
    {
        if (actionId is null)
        {
            throw Invalid("action_id is required");
        }
        var key = Keys.Action(actionId);
        if (runs.Database.GetAction(key) is null)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"action {key.Name} of run {key.Run.Name} does not exist"));
        }
        executor.Abort(key);
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
