using System.ComponentModel;
using Flyte.Tasks;
using Flyteidl2.Core;

namespace Flyte.Generation;

/// <summary>Used by the bodies the generator writes for [RemoteTask] declarations: run the deployed task as a child action.</summary>
/// <remarks>For the code the Flyte source generator writes, not for direct use: it may change in any release.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class RemoteTaskCalls
{
    /// <summary>Runs the deployed task <paramref name="task"/> declares as a child of the running task and decodes its result.</summary>
    public static async Task<TResult> RunAsync<TResult>(RemoteTaskDefinition task, LiteralMap inputs, Func<LiteralMap, TResult> decodeOutputs)
    {
        ArgumentNullException.ThrowIfNull(decodeOutputs);
        LiteralMap outputs = await RunnerFor(task).RunRemoteAsync(task, inputs, CancellationToken.None).ConfigureAwait(false);
        return decodeOutputs(outputs);
    }

    /// <summary>Runs the deployed task <paramref name="task"/> declares, ignoring any result.</summary>
    public static async Task RunAsync(RemoteTaskDefinition task, LiteralMap inputs)
    {
        await RunnerFor(task).RunRemoteAsync(task, inputs, CancellationToken.None).ConfigureAwait(false);
    }

    private static IRemoteTaskRunner RunnerFor(RemoteTaskDefinition task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return FlyteContext.Current switch
        {
            IRemoteTaskRunner runner => runner,
            null => throw new InvalidOperationException(
                $"{task.MethodName} stands for the deployed task {task.Name} and can only be called by a task or workflow running on a devbox or cluster (flyte run, without --local)"),
            _ => throw NotInLocalRuns(task),
        };
    }

    /// <summary>What calling a remote task in a local run raises: the local engine has no control plane to fetch it from.</summary>
    internal static InvalidOperationException NotInLocalRuns(RemoteTaskDefinition task) => new(
        $"{task.MethodName} stands for the deployed task {task.Name}, which a local run cannot call; run the workflow on a devbox or cluster (flyte run, without --local)");
}
