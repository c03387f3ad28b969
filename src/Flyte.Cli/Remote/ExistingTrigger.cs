using Flyte.Remote;
using Flyteidl2.Common;
using Flyteidl2.Trigger;
using Grpc.Core;

namespace Flyte.Cli.Remote;

/// <summary>
/// Asks the control plane for a trigger before changing it: UpdateTriggers and DeleteTriggers skip names they do not
/// know and answer success, so without asking first a typo would look like it worked.
/// </summary>
internal static class ExistingTrigger
{
    /// <exception cref="UsageException">The trigger does not exist (or was deleted).</exception>
    public static async Task RequireAsync(FlyteRemote remote, TriggerName name, CancellationToken cancellationToken)
    {
        try
        {
            await remote.CallAsync(async () => await remote.Triggers.GetTriggerDetailsAsync(new GetTriggerDetailsRequest { Name = name },
                cancellationToken: cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        }
        catch (FlyteRemoteException e) when (e.InnerException is RpcException { StatusCode: StatusCode.NotFound })
        {
            throw new UsageException(
                $"no trigger {name.Name} on task {name.TaskName} in {name.Project}/{name.Domain}; 'flyte get triggers {name.TaskName}' lists its triggers", e);
        }
    }
}
