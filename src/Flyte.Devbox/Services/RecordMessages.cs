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

    public static Flyteidl2.Workflow.Action ToAction(ActionRecord action) => new()
    {
        Id = ActionExecutor.ToIdentifier(action.Key),
        Metadata = Metadata(action),
        Status = Status(action),
    };

    public static ActionDetails ToDetails(ActionRecord action, IReadOnlyList<AttemptRecord> attempts)
    {
        var details = new ActionDetails
        {
            Id = ActionExecutor.ToIdentifier(action.Key),
            Metadata = Metadata(action),
            Status = Status(action),
        };
        if (RunBookPhases.IsFailure(action.Phase) && action.Error is { } bytes)
        {
            details.ErrorInfo = ToErrorInfo(ExecutionError.Parser.ParseFrom(bytes));
        }
        if (action.Kind == ActionKind.Trace)
        {
            AddTrace(details, action);
            return details;
        }
        details.Task = TaskSpec.Parser.ParseFrom(action.Spec);
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

    /// <summary>
    /// A trace's spec (TraceSpec, as upstream answers it in ActionDetails.trace) and its one attempt: the recorded phase
    /// and times, and as outputs the trace's own output URI, the full path of its outputs.pb. It has no logs.
    /// </summary>
    private static void AddTrace(ActionDetails details, ActionRecord action)
    {
        var trace = TraceAction.Parser.ParseFrom(action.Spec);
        if (trace.Spec is { } spec)
        {
            details.Trace = spec;
        }
        var attempt = new ActionAttempt
        {
            Attempt = 0,
            Phase = (ActionPhase)action.Phase,
            StartTime = Timestamp.FromDateTimeOffset(action.StartedAt ?? action.CreatedAt),
            LogsAvailable = false,
            Outputs = new OutputReferences { OutputUri = action.OutputUri ?? "" },
            CacheStatus = CatalogCacheStatus.CacheDisabled,
        };
        if (action.EndedAt is { } ended)
        {
            attempt.EndTime = Timestamp.FromDateTimeOffset(ended);
        }
        if (details.ErrorInfo is { } error)
        {
            attempt.ErrorInfo = error;
        }
        details.Attempts.Add(attempt);
    }

    public static ErrorInfo ToErrorInfo(ExecutionError error) => new()
    {
        Message = string.IsNullOrEmpty(error.Code) ? error.Message : $"{error.Code}: {error.Message}",
        Kind = error.Kind == ExecutionError.Types.ErrorKind.User ? ErrorInfo.Types.Kind.User : ErrorInfo.Types.Kind.System,
    };

    /// <summary>A task's metadata names its task; a trace's is ACTION_TYPE_TRACE with the traced function's name, as upstream answers it.</summary>
    private static ActionMetadata Metadata(ActionRecord action)
    {
        if (action.Kind == ActionKind.Trace)
        {
            return new ActionMetadata
            {
                Parent = action.ParentName ?? "",
                Group = action.Group ?? "",
                ActionType = ActionType.Trace,
                FuntionName = action.TaskName,
                Trace = new TraceActionMetadata { Name = action.TaskName },
            };
        }
        var metadata = TaskMetadata(action, TaskSpec.Parser.ParseFrom(action.Spec));
        if (action.Trigger is { } trigger)
        {
            // As the open-source backend answers a triggered run: trigger_name (14), trigger_id (11) and source (16).
            var name = new TriggerName
            {
                Org = action.Key.Run.Org,
                Project = action.Key.Run.Project,
                Domain = action.Key.Run.Domain,
                TaskName = trigger.TaskName,
                Name = trigger.Name,
            };
            metadata.TriggerName = trigger.Name;
            metadata.TriggerId = new TriggerIdentifier { Name = name, Revision = (ulong)trigger.Revision };
            metadata.Source = (RunSource)trigger.Source;
        }
        return metadata;
    }

    private static ActionMetadata TaskMetadata(ActionRecord action, TaskSpec spec) => new()
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
