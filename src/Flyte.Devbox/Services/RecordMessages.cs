using Flyte.Devbox.Execution;
using Flyte.Devbox.Runs;
using Flyte.Devbox.State;
using Flyteidl2.Common;
using Flyteidl2.Core;
using Flyteidl2.Task;
using Task = System.Threading.Tasks.Task;
using Flyteidl2.Workflow;
using Google.Protobuf.WellKnownTypes;

namespace Flyte.Devbox.Services;

/// <summary>Stored runs and actions as the flyteidl2 messages the services answer with.</summary>
public static class RecordMessages
{
    public static ActionUpdate ToUpdate(ActionRecord action)
    {
        var update = new ActionUpdate
        {
            ActionId = ActionExecutor.ToIdentifier(action.Key),
            Phase = (ActionPhase)action.Phase,
            OutputUri = action.OutputUri ?? "",
        };
        if (RunBookPhases.IsFailure(action.Phase) && action.Error is { } error)
        {
            update.Error = ExecutionError.Parser.ParseFrom(error);
        }
        return update;
    }

    public static Flyteidl2.Workflow.Action ToAction(ActionRecord action)
    {
        var spec = TaskSpec.Parser.ParseFrom(action.Spec);
        return new Flyteidl2.Workflow.Action
        {
            Id = ActionExecutor.ToIdentifier(action.Key),
            Metadata = Metadata(action, spec),
            Status = Status(action),
        };
    }

    public static ActionDetails ToDetails(ActionRecord action, IReadOnlyList<AttemptRecord> attempts)
    {
        var spec = TaskSpec.Parser.ParseFrom(action.Spec);
        var details = new ActionDetails
        {
            Id = ActionExecutor.ToIdentifier(action.Key),
            Metadata = Metadata(action, spec),
            Status = Status(action),
            Task = spec,
        };
        if (RunBookPhases.IsFailure(action.Phase) && action.Error is { } bytes)
        {
            details.ErrorInfo = ToErrorInfo(ExecutionError.Parser.ParseFrom(bytes));
        }
        if (action.Phase == (int)ActionPhase.Aborted)
        {
            details.AbortInfo = new AbortInfo { Reason = "aborted" };
        }
        foreach (var attempt in attempts)
        {
            var item = new ActionAttempt
            {
                Attempt = (uint)attempt.Attempt,
                Phase = (ActionPhase)attempt.Phase,
                StartTime = Timestamp.FromDateTimeOffset(attempt.StartedAt),
                LogsAvailable = File.Exists(attempt.LogPath),
                Outputs = new OutputReferences { OutputUri = AttemptLaunch.OutputPrefix(action.RunOutputBase, action.Key.Name, attempt.Attempt) },
            };
            if (attempt.EndedAt is { } ended)
            {
                item.EndTime = Timestamp.FromDateTimeOffset(ended);
            }
            if (attempt.Error is { } error)
            {
                item.ErrorInfo = ToErrorInfo(ExecutionError.Parser.ParseFrom(error));
            }
            details.Attempts.Add(item);
        }
        return details;
    }

    public static ErrorInfo ToErrorInfo(ExecutionError error) => new()
    {
        Message = string.IsNullOrEmpty(error.Code) ? error.Message : $"{error.Code}: {error.Message}",
        Kind = error.Kind == ExecutionError.Types.ErrorKind.User ? ErrorInfo.Types.Kind.User : ErrorInfo.Types.Kind.System,
    };

    private static ActionMetadata Metadata(ActionRecord action, TaskSpec spec) => new()
    {
        Parent = action.ParentName ?? "",
        Group = action.Group ?? "",
        ActionType = ActionType.Task,
        EnvironmentName = spec.Environment?.Name ?? "",
        Task = new TaskActionMetadata
        {
            Id = new TaskIdentifier
            {
                Org = action.Key.Run.Org,
                Project = action.Key.Run.Project,
                Domain = action.Key.Run.Domain,
                Name = action.TaskName,
                Version = action.TaskVersion,
            },
            TaskType = spec.TaskTemplate?.Type ?? "",
            ShortName = spec.ShortName,
        },
    };

    private static ActionStatus Status(ActionRecord action)
    {
        var status = new ActionStatus
        {
            Phase = (ActionPhase)action.Phase,
            Attempts = (uint)action.Attempts,
            CacheStatus = action.CacheHit ? CatalogCacheStatus.CacheHit
                : action.CacheKey is null ? CatalogCacheStatus.CacheDisabled : CatalogCacheStatus.CacheMiss,
            StartTime = Timestamp.FromDateTimeOffset(action.StartedAt ?? action.CreatedAt),
        };
        if (action.EndedAt is { } ended)
        {
            status.EndTime = Timestamp.FromDateTimeOffset(ended);
            status.DurationMs = (ulong)Math.Max(0, (ended - (action.StartedAt ?? action.CreatedAt)).TotalMilliseconds);
        }
        return status;
    }
}
