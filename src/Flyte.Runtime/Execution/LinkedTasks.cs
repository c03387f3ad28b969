using Flyte.Generation;
using Flyte.Tasks;

namespace Flyte.Runtime.Execution;

/// <summary>
/// The task table compiled into this a0 (src/Flyte.Runtime.Native: one executable with the project's tasks, for images
/// with the code baked in, ahead-of-time compiled so that an action starts in a fraction of a runtime's start-up),
/// registered before Main by that project's module initializer. Null in the a0 that loads code from bundles or folders,
/// which so pays nothing for it at start-up.
/// </summary>
internal static class LinkedTasks
{
    public static ITaskTable? Table { get; private set; }

    public static void Register(ITaskTable table) => Table = table;
}
