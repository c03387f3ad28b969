using Flyte.Generation;
using Flyte.Runtime.CommandLine;

namespace Flyte.Runtime.Execution;

/// <summary>Where an action's task table comes from, when not loaded afresh for the action (see <see cref="ActionRunner"/>).</summary>
internal interface ITaskCode
{
    ITaskTable Load(A0Arguments a, CancellationToken cancellationToken);
}
