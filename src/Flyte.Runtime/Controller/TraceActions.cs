using Flyte.Generation;
using Flyteidl2.Common;
using Flyteidl2.Workflow;
using Google.Protobuf.WellKnownTypes;

namespace Flyte.Runtime.Controller;

/// <summary>
/// The action a recorded trace is enqueued as, field for field what flyte-sdk's <c>Action.from_trace</c> and
/// <c>_bg_launch</c> send (docs/traces.md): the running task as parent, the trace's inputs file, the run base, the
/// group, and a <c>TraceAction</c> that is already finished.
/// </summary>
internal static class TraceActions
{
    /// <param name="parent">The running task's action: a trace called inside another trace is still the task's child.</param>
    /// <param name="outputUri">The full path of the trace's outputs.pb; empty when it failed.</param>
    public static Flyteidl2.Actions.Action Create(ActionIdentifier parent, TraceCall call, TraceOutcome outcome, string inputUri, string outputUri, string runBase)
    {
        var phase = outcome.Error is null ? ActionPhase.Succeeded : ActionPhase.Failed;
        return new Flyteidl2.Actions.Action
        {
            ActionId = new ActionIdentifier { Run = parent.Run, Name = call.ActionName },
            ParentActionName = parent.Name,
            InputUri = inputUri,
            RunOutputBase = runBase,
            Group = call.Group ?? "",
            Trace = new TraceAction
            {
                Name = call.Trace.Name,
                Phase = phase,
                StartTime = Timestamp.FromDateTimeOffset(outcome.Started),
                EndTime = Timestamp.FromDateTimeOffset(outcome.Ended),
                Outputs = new Flyteidl2.Task.OutputReferences { OutputUri = outputUri },
                Spec = new Flyteidl2.Task.TraceSpec { Interface = call.Trace.Interface },
            },
        };
    }

    /// <summary>"TaskName" for a task action, "trace Name" for a trace, for a0's log and errors.</summary>
    public static string Describe(Flyteidl2.Actions.Action action) =>
        action.SpecCase == Flyteidl2.Actions.Action.SpecOneofCase.Trace ? $"trace {action.Trace.Name}" : action.Task?.Id?.Name ?? "";
}
