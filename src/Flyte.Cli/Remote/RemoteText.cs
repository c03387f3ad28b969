using System.Globalization;
using Flyte.Remote;
using Flyteidl2.Workflow;
using Google.Protobuf.WellKnownTypes;
using Action = Flyteidl2.Workflow.Action;

namespace Flyte.Cli.Remote;

/// <summary>How runs and actions from a control plane read on the command line: times, durations, task names, errors.</summary>
internal static class RemoteText
{
    public static string Phase(ActionStatus? status) => status is null ? "UNKNOWN" : PhaseNames.Of(status.Phase);

    /// <summary>
    /// The task an action runs; for a trace, the traced function's name marked <c>(trace)</c>, as flyte-sdk's CLI shows
    /// a trace by its name and the type "trace" (<c>src/flyte/remote/_action.py</c>; docs/devbox-traces.md).
    /// </summary>
    public static string TaskName(ActionMetadata? metadata) => metadata switch
    {
        { Task.Id.Name: { Length: > 0 } name } => name,
        { Trace.Name: { Length: > 0 } trace } => $"{trace} (trace)",
        _ => "-",
    };

    /// <summary>Local time to the second, as people compare it with their clock.</summary>
    public static string Time(Timestamp? timestamp) =>
        timestamp is null || timestamp.Seconds == 0 ? "-" : timestamp.ToDateTimeOffset().ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>How long the action ran; for one still going, how long so far.</summary>
    public static string Duration(ActionStatus? status)
    {
        if (status is null || status.StartTime is null)
        {
            return "-";
        }
        TimeSpan elapsed = status.HasDurationMs ? TimeSpan.FromMilliseconds(status.DurationMs)
            : status.EndTime is { } end ? end.ToDateTimeOffset() - status.StartTime.ToDateTimeOffset()
            : DateTimeOffset.UtcNow - status.StartTime.ToDateTimeOffset();
        return Duration(elapsed);
    }

    public static string Duration(TimeSpan elapsed)
    {
        if (elapsed < TimeSpan.Zero)
        {
            elapsed = TimeSpan.Zero;
        }
        if (elapsed < TimeSpan.FromMinutes(1))
        {
            return elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s";
        }
        if (elapsed < TimeSpan.FromHours(1))
        {
            return $"{(int)elapsed.TotalMinutes}m{elapsed.Seconds:00}s";
        }
        return $"{(int)elapsed.TotalHours}h{elapsed.Minutes:00}m";
    }

    /// <summary>"USER error: message" (or SYSTEM): whose fault it was, and what happened.</summary>
    public static string Error(ErrorInfo error)
    {
        string kind = error.Kind switch
        {
            ErrorInfo.Types.Kind.User => "USER error",
            ErrorInfo.Types.Kind.System => "SYSTEM error",
            _ => "error",
        };
        return $"{kind}: {error.Message}";
    }

    public static bool IsFailure(Action action) =>
        action.Status?.Phase is Flyteidl2.Common.ActionPhase.Failed or Flyteidl2.Common.ActionPhase.TimedOut or Flyteidl2.Common.ActionPhase.Aborted;
}
