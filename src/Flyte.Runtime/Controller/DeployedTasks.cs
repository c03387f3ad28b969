using System.Collections.Concurrent;
using Flyte.Remote;
using Flyte.Runtime.Execution;
using Flyte.Tasks;
using Flyteidl2.Common;
using Flyteidl2.Task;
using Grpc.Core;

namespace Flyte.Runtime.Controller;

/// <summary>
/// The deployed specs a running task's [RemoteTask] calls use, fetched from TaskService on first call and kept for the
/// rest of the attempt (flyte-sdk's lazily fetched <c>remote.Task</c>), so every call of one declaration runs the same
/// version even when a newer one is deployed meanwhile.
/// </summary>
internal sealed class DeployedTasks(ControlPlaneConnection connection, RunIdentifier run)
{
    private readonly ConcurrentDictionary<RemoteTaskDefinition, Lazy<Task<TaskDetails>>> _resolved = new();

    /// <summary>The deployed details that fit <paramref name="task"/>; a <see cref="RemoteTaskException"/> when none do.</summary>
    public Task<TaskDetails> ResolveAsync(RemoteTaskDefinition task, CancellationToken cancellationToken)
    {
        var lookup = _resolved.GetOrAdd(task, t => new Lazy<Task<TaskDetails>>(() => FetchAsync(t, cancellationToken)));
        var fetch = lookup.Value;
        if (fetch.IsFaulted || fetch.IsCanceled)
        {
            // A failed fetch is not kept: the next call asks again.
            _resolved.TryRemove(new KeyValuePair<RemoteTaskDefinition, Lazy<Task<TaskDetails>>>(task, lookup));
        }
        return fetch;
    }

    private async Task<TaskDetails> FetchAsync(RemoteTaskDefinition task, CancellationToken cancellationToken)
    {
        var name = RemoteTaskResolution.NameOf(task, run.Org, run.Project, run.Domain);
        TaskDetails? deployed;
        try
        {
            deployed = await DeployedTaskLookup.FindAsync(connection.Tasks, name, task.Version, headers: null, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            throw new SystemFailureException("RemoteTaskLookupFailed",
                $"could not fetch task {task.Name} from the control plane at {connection.Endpoint}: {e.Status.StatusCode} {e.Status.Detail}", e);
        }
        return RemoteTaskResolution.Check(task, name, deployed);
    }
}
