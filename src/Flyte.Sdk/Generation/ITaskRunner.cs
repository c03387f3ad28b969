using System.ComponentModel;
using Flyte.Tasks;
using Flyteidl2.Core;

namespace Flyte.Generation;

/// <summary>
/// Runs a task called from inside another task: in-process on a laptop, as a child action in a
/// container. Generated call sites reach it through <see cref="FlyteContext.Current"/>.
/// </summary>
/// <remarks>For the code the Flyte source generator writes, not for direct use: it may change in any release.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ITaskRunner
{
    /// <summary>Runs <paramref name="task"/> as a child of the running task and returns its output literals.</summary>
    Task<LiteralMap> RunChildAsync(TaskDefinition task, LiteralMap inputs, CancellationToken cancellationToken);
}
