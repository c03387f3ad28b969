using Flyte.Tasks;
using Flyteidl2.Core;

namespace Flyte.Execution;

/// <summary>
/// Runs a task called from inside another task: in-process on a laptop, as a child action in a
/// container. Generated call sites reach it through <see cref="FlyteContext.Current"/>.
/// </summary>
public interface ITaskRunner
{
    Task<LiteralMap> RunChildAsync(TaskDefinition task, LiteralMap inputs, CancellationToken cancellationToken);
}
