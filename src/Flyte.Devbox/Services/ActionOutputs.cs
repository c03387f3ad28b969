using Flyte.Devbox.State;
using Flyte.Storage;
using Flyteidl2.Common;

namespace Flyte.Devbox.Services;

/// <summary>
/// Where an action's outputs.pb is. A task's stored output URI is its latest attempt's output prefix, with outputs.pb
/// in it; a trace's is already the full path of its outputs.pb, as flyte-sdk sends it in TraceAction.outputs.output_uri
/// (docs/devbox-traces.md).
/// </summary>
public static class ActionOutputs
{
    /// <summary>The outputs.pb of a SUCCEEDED action; null for any other phase, and for a trace that has no outputs.</summary>
    public static string? File(ActionRecord action)
    {
        if (action.Phase != (int)ActionPhase.Succeeded || string.IsNullOrEmpty(action.OutputUri))
        {
            return null;
        }
        return action.Kind == ActionKind.Trace ? action.OutputUri : ProtoObjects.Join(action.OutputUri, "outputs.pb");
    }
}
